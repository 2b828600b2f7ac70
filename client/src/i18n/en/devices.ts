/** Issue 13: signing out one device from the account's device list. zh/devices.ts has the same keys. */
const devices = {
  resources: {
    devices: {
      signOut: {
        column: 'Sign out',
        label: 'Sign out',
        confirm: 'Sign out %{device}?',
        description:
          'Only this device is signed out; the customer is told by email. The reason goes into the audit trail.',
        done: 'The device is signed out; the customer has been told.',
      },
    },
  },
};

export default devices;
