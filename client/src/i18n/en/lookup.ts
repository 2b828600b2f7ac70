/** The lookup form's refusals: why the server could not read a detail, said next to that field. */
const lookup = {
  journey: {
    lookup: {
      invalid: {
        fullName: 'Not a name we can read: type the caller’s name in letters.',
        phone: 'Not a phone number we can read: include the country code.',
        dateOfBirth: 'Not a date we can read (e.g. 1990-03-05, 05/03/1990, 1990年3月5日).',
        email: 'Not an email address.',
        accountNumber: 'Not an account number: letters and digits only (spaces and dashes are ignored).',
        nationalIdLast4: 'Give exactly the last 4 characters of the national ID.',
        tooLong: 'Too long: at most %{max} characters.',
        fix: 'Check the highlighted field: %{fields}.',
      },
    },
  },
};

export default lookup;
