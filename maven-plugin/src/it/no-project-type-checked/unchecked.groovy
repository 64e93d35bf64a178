// Runs as dynamic Groovy (the branch is never taken), but the type checker reads every branch: String has no shout().
if (params.never == 'set') {
    'text'.shout()
}
log.info 'ran unchecked'
