# Validation messages. Every message takes $field (the field's label, e.g. “ID card number”);
# problem-too-small also takes $min, problem-too-large and problem-too-long also take $max.

problem-missing = “{ $field }” is still empty. Please fill it in.
problem-wrong-length = “{ $field }” has too many or too few characters. Please compare it with your document and look for a missing or extra one.
problem-not-digits = “{ $field }” can only contain digits. Please remove anything else.
problem-bad-check-digit = The last character of “{ $field }” does not match. Please check the number on your ID card again.
problem-bad-birth-date = The date of birth in “{ $field }” is not right. Please check the number on your ID card again.
problem-future-date = “{ $field }” cannot be later than today. Please check the date again.
problem-past-date = “{ $field }” cannot be earlier than today. Please choose today or a later date.
problem-bad-region = The first six digits of “{ $field }” do not match. Please check the number on your ID card again.
problem-bad-phone = “{ $field }” does not look like a mobile number. A mobile number has 11 digits and starts with 1. Please check it again.
problem-bad-luhn = One digit of “{ $field }” seems to be wrong. Please compare it with your card and check again.
problem-not-a-number = “{ $field }” needs a number. Please enter digits only.
problem-too-small = “{ $field }” cannot be less than { $min }. Please check it again.
problem-too-large = “{ $field }” cannot be more than { $max }. Please check it again.
problem-bad-date = “{ $field }” is not a real date. Please check the year, month and day.
problem-too-long = “{ $field }” is too long. It can have at most { $max } characters. Please remove some.
problem-not-a-choice = “{ $field }” has not been chosen yet. Please pick one of the options below.
problem-not-confirmed = “{ $field }” has not been confirmed yet. Please read it carefully, then tap to confirm.
problem-before-other = “{ $field }” cannot be before “{ $other }”. Please change it.
