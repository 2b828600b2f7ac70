import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks <div id="root">');

// Customers opening a link from a message get their own small pages, without the console's code.
const page = window.location.pathname.startsWith('/wallet/')
  ? import('./wallet/WalletApp').then(({ WalletApp }) => <WalletApp />)
  : import('./App').then(({ App }) => <App />);

void page.then((element) => createRoot(root).render(<StrictMode>{element}</StrictMode>));
