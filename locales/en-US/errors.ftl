# Problems talking to the government system. Each says what happened and what to do next.

error-offline = The network connection is down, so this cannot be done right now. Please try again in a moment, or call staff for help.
error-timeout = The system took too long to answer, so this did not go through. Please try again, or call staff for help.
error-server = Something went wrong in the system, so this did not go through. It is not your fault. Please try again, or call staff for help.
error-not-found = We could not find the service you asked for. Please go back to the home page and choose again, or call staff for help.
error-citizen-not-found = We could not find your details. Please check your ID card number, or call staff for help.
error-session-expired = You were away for a while, so to protect your information, what you entered has been cleared. Please start again from the beginning.
error-conflict = Your details were changed just now, so this was not saved. Please try again, or call staff for help.
error-cut = The connection broke off before the system's answer came through in full. Please try again, or call staff for help.
error-insecure = This machine could not make a secure connection to the system. To protect your information, nothing was sent. Please call staff for help.
error-bad-answer = The system sent back an answer this machine cannot read, so this did not go through. It is not your fault. Please call staff for help.
error-not-portal = This machine reached another web page instead of the government system, so this did not go through. It is not your fault. Please call staff for help.
error-setup = This machine's settings have a problem, so it cannot do this right now. It is not your fault. Please call staff for help.
