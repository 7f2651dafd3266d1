# People: members, API tokens, password, users, audit log.
