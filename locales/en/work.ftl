# Work: import, print centre, check-in, members, tokens, audit, users.
