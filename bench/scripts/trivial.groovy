// Start-up benchmark: the smallest script that does something.
println 'ok'
