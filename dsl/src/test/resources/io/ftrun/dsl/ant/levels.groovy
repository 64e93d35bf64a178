// One line at each level of the script's log.
log.error 'the mirror did not answer'
log.warn 'the disk is nearly full'
log.info 'an info line from the script'
log.debug 'a debug line from the script'
