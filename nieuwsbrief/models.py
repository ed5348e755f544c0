# Newsletter issues and subscribers arrive with the newsletter issue.
