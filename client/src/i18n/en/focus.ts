/** A refused dialog names the field to fix (issue 6, point 9). zh/focus.ts has the same keys. */
const focus = {
  journey: {
    errors: { fieldRefused: 'Not accepted: correct “%{field}” and try again.' },
  },
};

export default focus;
