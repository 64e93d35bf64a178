// Type-checking extension for ftrun scripts compiled with --static.
//
// Blocks and functions added by plugins (`plugins { id 'upper' }`, then `upper { prefix '> ' }` inside a
// server) exist only at run time, so the type checker cannot see them. This extension lets through, as
// dynamic calls, exactly the names that plugins on the class path provide, with the closures passed to them.
// Any other unknown name is still a compile error with its line.
import io.ftrun.dsl.internal.PluginCatalog
import org.codehaus.groovy.ast.expr.ClosureExpression

Set<String> pluginNames = null
def pluginBlocks = [] as Set<ClosureExpression>

methodNotFound { receiver, name, argList, argTypes, call ->
    if (pluginNames == null) pluginNames = PluginCatalog.handlerBlocks(context.source.classLoader)
    if (name in pluginNames) {
        call.arguments.each { if (it instanceof ClosureExpression) pluginBlocks << it }
        return makeDynamic(call)
    }
    // inside a plugin block, or a closure nested in one, the delegate is the plugin's own spec
    if (context.enclosingClosureStack.any { it.closureExpression in pluginBlocks }) {
        return makeDynamic(call)
    }
}
