/** The staff resource (supervisors only). */
const staff = {
  resources: {
    staff: {
      name: 'Staff member |||| Staff',
      fields: {
        q: 'Search',
        username: 'Username',
        fullName: 'Full name',
        role: 'Role',
        disabled: 'Disabled',
        lastSignInAt: 'Last sign-in',
        createdAt: 'Created',
      },
      never_signed_in: 'Never',
    },
  },
};

export default staff;
