// Logs its parameters, sorted by name.
log.info "params: ${params.sort()}"
