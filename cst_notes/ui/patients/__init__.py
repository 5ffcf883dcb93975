"""The patient list and what sits beside it: finding patients, the due list, new-patient and details dialogs."""
