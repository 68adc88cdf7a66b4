// Digdag 0.9.42's template engine (io.digdag.core.agent.ConfigEvalEngine)
// creates its JavaScript engine through the Nashorn that Java 8 shipped as
// jdk.nashorn. Java 15 removed it; the same engine lives on as the
// standalone org.openjdk.nashorn. This class stands where Digdag looks for
// the old one and hands over to the new one, so that Digdag's own code, its
// digdag.js and its moment.js evaluate ${...} on Java 17 unchanged.
//
// Digdag makes a fresh engine for every task and loads moment.js into it,
// which costs about a tenth of a second. Unless SPARKPORT_DIGDAG_FRESH_ENGINE
// is set, an engine is kept per thread and per option set (the options carry
// the workflow's time zone) and reused, and a library script already loaded
// into it is not loaded again: digdag.js and moment.js only define
// functions, and each template runs in a function of its own over its own
// parameters, so nothing of one evaluation reaches the next. The harness's
// test compares the output both ways.
package jdk.nashorn.api.scripting;

import java.io.Reader;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.script.Bindings;
import javax.script.Invocable;
import javax.script.ScriptContext;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineFactory;
import javax.script.ScriptException;

public final class NashornScriptEngineFactory {
    private static final boolean FRESH = System.getenv("SPARKPORT_DIGDAG_FRESH_ENGINE") != null;
    private static final ThreadLocal<Map<String, ScriptEngine>> ENGINES = ThreadLocal.withInitial(HashMap::new);

    private final org.openjdk.nashorn.api.scripting.NashornScriptEngineFactory delegate =
            new org.openjdk.nashorn.api.scripting.NashornScriptEngineFactory();

    public ScriptEngine getScriptEngine(String... digdagArgs) {
        // Java 8's Nashorn, which Digdag was written for, compiled without
        // optimistic types unless asked; the standalone one turns them on,
        // which costs compile time on every small template and changes no
        // result.
        String[] args = java.util.Arrays.copyOf(digdagArgs, digdagArgs.length + 1);
        args[digdagArgs.length] = "--optimistic-types=false";
        if (FRESH) {
            return delegate.getScriptEngine(args);
        }
        return ENGINES.get().computeIfAbsent(String.join("\u0000", args), k -> new Reused(delegate.getScriptEngine(args)));
    }

    // Reused loads each library script once.
    private static final class Reused implements ScriptEngine, Invocable {
        private final ScriptEngine e;
        private final Set<String> loaded = new HashSet<>();

        Reused(ScriptEngine e) {
            this.e = e;
        }

        public Object eval(String script) throws ScriptException {
            if (script.length() > 1000 && !loaded.add(script)) {
                return null;
            }
            return e.eval(script);
        }

        public Object eval(String script, ScriptContext c) throws ScriptException { return e.eval(script, c); }
        public Object eval(Reader r, ScriptContext c) throws ScriptException { return e.eval(r, c); }
        public Object eval(String s, Bindings b) throws ScriptException { return e.eval(s, b); }
        public Object eval(Reader r, Bindings b) throws ScriptException { return e.eval(r, b); }
        public Object eval(Reader r) throws ScriptException { return e.eval(r); }
        public void put(String k, Object v) { e.put(k, v); }
        public Object get(String k) { return e.get(k); }
        public Bindings getBindings(int scope) { return e.getBindings(scope); }
        public void setBindings(Bindings b, int scope) { e.setBindings(b, scope); }
        public Bindings createBindings() { return e.createBindings(); }
        public ScriptContext getContext() { return e.getContext(); }
        public void setContext(ScriptContext c) { e.setContext(c); }
        public ScriptEngineFactory getFactory() { return e.getFactory(); }

        public Object invokeMethod(Object o, String name, Object... args) throws ScriptException, NoSuchMethodException {
            return ((Invocable) e).invokeMethod(o, name, args);
        }

        public Object invokeFunction(String name, Object... args) throws ScriptException, NoSuchMethodException {
            return ((Invocable) e).invokeFunction(name, args);
        }

        public <T> T getInterface(Class<T> c) { return ((Invocable) e).getInterface(c); }
        public <T> T getInterface(Object o, Class<T> c) { return ((Invocable) e).getInterface(o, c); }
    }
}
