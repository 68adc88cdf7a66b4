// SparkportDigdag runs Digdag's own code over a Digdag project the way
// `digdag check` and a scheduled run would, and prints what Digdag made of
// it as JSON, for `sparkport verify --digdag`.
//
// What is Digdag's (digdag-core 0.9.42, from Maven Central):
//   - loading every workflow file with !include (YamlConfigLoader, through
//     ConfigLoaderManager and WorkflowFile, as ProjectArchiveLoader does);
//   - compiling it into tasks (WorkflowCompiler);
//   - choosing the scheduler from the schedule: block (SchedulerManager);
//   - the runtime parameters of a session (RuntimeParams) and the
//     evaluation of ${...} with digdag.js and moment.js (ConfigEvalEngine),
//     the parameters merged as WorkflowExecutor and OperatorManager merge
//     them (attempt parameters < parents' _export < the task's own).
// What is written here, because digdag-standards is not on Maven Central:
//   the scheduler types (cron>, daily>, hourly>, weekly>, monthly>,
//   minutes_interval>), on cron4j's Predictor as digdag-standards builds
//   them, and the resolution of call> targets.
//
// It lives in Digdag's package to reach ConfigEvalEngine.eval, which
// OperatorManager calls and which is not public.
//
// Input (standard input, JSON):
//   {"workflows": [{"project": DIR, "file": "a.dig", "sessions": [RFC3339, ...]}, ...],
//    "params": {k: v}            (as digdag run -p k=v),
//    "timezone": ZONE            (optional: replaces every workflow's),
//    "schedule_from": RFC3339, "schedule_until": RFC3339, "schedule_limit": N}
// Each session is an instant: a scheduled workflow is evaluated at the
// first session its schedule runs at or after it, another one at it.
// Output (standard output, JSON): {"workflows": [...]}, one entry per
// workflow in the order asked, with "error" when it does not load or
// compile, its "schedule" (the session and run times, Unix seconds),
// "calls", and per session each operator task's evaluated keys or error.
package io.digdag.core.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.base.Optional;
import io.digdag.client.DigdagClient;
import io.digdag.client.config.Config;
import io.digdag.client.config.ConfigException;
import io.digdag.client.config.ConfigFactory;
import io.digdag.core.archive.WorkflowFile;
import io.digdag.core.config.ConfigLoaderManager;
import io.digdag.core.config.YamlConfigLoader;
import io.digdag.core.repository.WorkflowDefinition;
import io.digdag.core.schedule.SchedulerManager;
import io.digdag.core.workflow.TaskConfig;
import io.digdag.core.workflow.Workflow;
import io.digdag.core.workflow.WorkflowCompiler;
import io.digdag.core.workflow.WorkflowTask;
import io.digdag.core.workflow.WorkflowTaskList;
import io.digdag.spi.ScheduleTime;
import io.digdag.spi.Scheduler;
import io.digdag.spi.SchedulerFactory;
import io.digdag.spi.TaskRequest;
import it.sauronsoftware.cron4j.Predictor;
import it.sauronsoftware.cron4j.SchedulingPattern;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

public final class SparkportDigdag {
    private static final ObjectMapper JSON = DigdagClient.objectMapper();
    private static final ConfigFactory CF = new ConfigFactory(JSON);
    private static final DateTimeFormatter SESSION_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx", Locale.ENGLISH);

    public static void main(String[] args) throws Exception {
        JsonNode req = JSON.readTree(System.in);
        Config params = req.path("params").isObject() ? CF.create(req.get("params")) : CF.create();
        Optional<ZoneId> zone = req.hasNonNull("timezone")
                ? Optional.of(ZoneId.of(req.get("timezone").asText())) : Optional.absent();
        Instant from = Instant.parse(req.path("schedule_from").asText("2024-01-01T00:00:00Z"));
        Instant until = Instant.parse(req.path("schedule_until").asText("2025-01-01T00:00:00Z"));
        int limit = req.path("schedule_limit").asInt(20000);

        ConfigLoaderManager loader = new ConfigLoaderManager(CF, new YamlConfigLoader());
        WorkflowCompiler compiler = new WorkflowCompiler();
        SchedulerManager schedulers = new SchedulerManager(schedulerFactories());
        ConfigEvalEngine eval = new ConfigEvalEngine();

        // Workflows are checked side by side, one per thread, and printed in
        // the order asked.
        List<JsonNode> files = new ArrayList<>();
        for (JsonNode w : req.path("workflows")) {
            files.add(w);
        }
        ObjectNode[] results = new ObjectNode[files.size()];
        int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), req.path("threads").asInt(64)));
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            final int n = i;
            done.add(pool.submit(() -> {
                JsonNode w = files.get(n);
                ObjectNode res = JSON.createObjectNode();
                res.put("project", w.path("project").asText());
                res.put("file", w.path("file").asText());
                try {
                    Path project = Paths.get(w.path("project").asText()).toAbsolutePath().normalize();
                    List<Instant> sessions = new ArrayList<>();
                    for (JsonNode s : w.path("sessions")) {
                        sessions.add(Instant.parse(s.asText()));
                    }
                    checkWorkflow(res, project, w.path("file").asText(), w.path("caller"), params, zone, loader, compiler, schedulers, eval, from, until, limit, sessions);
                } catch (RuntimeException | java.io.IOException | StackOverflowError ex) {
                    res.put("error", message(ex));
                }
                results[n] = res;
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        ArrayNode out = JSON.createArrayNode();
        for (ObjectNode r : results) {
            out.add(r);
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("digdag", "digdag-core 0.9.42");
        root.set("workflows", out);
        System.out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
        System.out.println();
        System.out.flush();
    }

    // The workflow's name is its path without .dig, as ProjectArchiveLoader
    // names it.
    private static WorkflowDefinition load(ConfigLoaderManager loader, Path project, String file, Config params)
            throws java.io.IOException {
        String name = file.endsWith(".dig") ? file.substring(0, file.length() - 4) : file;
        Path path = project.resolve(file);
        WorkflowFile wf = WorkflowFile.fromConfig(name, loader.loadParameterizedFile(path.toFile(), params));
        int slash = name.lastIndexOf('/');
        if (slash >= 0) {
            wf.setBaseWorkdir(name.substring(0, slash));
        }
        return wf.toWorkflowDefinition();
    }

    private static void checkWorkflow(ObjectNode res, Path project, String file, JsonNode caller, Config params,
            Optional<ZoneId> zone, ConfigLoaderManager loader, WorkflowCompiler compiler,
            SchedulerManager schedulers, ConfigEvalEngine eval,
            Instant from, Instant until, int limit, List<Instant> sessions) throws java.io.IOException {
        WorkflowDefinition def = load(loader, project, file, params);
        if (zone.isPresent()) {
            def = WorkflowDefinition.of(def.getName(), def.getConfig(), zone.get());
        }
        res.put("name", def.getName());
        res.put("timezone", def.getTimeZone().getId());
        Workflow wf = compiler.compile(def.getName(), def.getConfig());
        res.put("tasks", wf.getTasks().size());

        // call> targets resolve against the calling file's folder, as the
        // call operator reads them.
        ArrayNode calls = res.putArray("calls");
        for (WorkflowTask t : wf.getTasks()) {
            Config c = t.getConfig();
            if (!c.has("call>")) {
                continue;
            }
            ObjectNode call = calls.addObject();
            call.put("task", t.getFullName());
            try {
                String target = c.get("call>", String.class);
                if (!target.endsWith(".dig")) {
                    target += ".dig";
                }
                call.put("target", target);
                Path dir = project.resolve(file).getParent();
                Path p = dir.resolve(target).normalize();
                if (!p.startsWith(project)) {
                    call.put("error", "call>: " + target + " is outside the project");
                } else if (!Files.isRegularFile(p)) {
                    call.put("error", "call>: " + target + " is not in the project");
                } else {
                    WorkflowDefinition sub = load(loader, project, project.relativize(p).toString(), params);
                    compiler.compile(sub.getName(), sub.getConfig());
                }
            } catch (RuntimeException | java.io.IOException ex) {
                call.put("error", message(ex));
            }
        }

        Optional<Scheduler> sched = Optional.absent();
        if (def.getConfig().has("schedule")) {
            ObjectNode s = res.putObject("schedule");
            s.set("config", def.getConfig().getNested("schedule").getInternalObjectNode());
            try {
                sched = schedulers.tryGetScheduler(null, def);
            } catch (RuntimeException ex) {
                s.put("error", message(ex));
            }
            if (sched.isPresent()) {
                ArrayNode times = s.putArray("times");
                ArrayNode runs = s.putArray("run_times");
                ScheduleTime t = sched.get().getFirstScheduleTime(from);
                for (int i = 0; i < limit && t.getRunTime().isBefore(until); i++) {
                    times.add(t.getTime().getEpochSecond());
                    runs.add(t.getRunTime().getEpochSecond());
                    t = sched.get().nextScheduleTime(t.getTime());
                }
            }
        }

        // A workflow that another one calls runs inside the caller's
        // attempt: the caller's session, time zone and parameters (the
        // _export in force at its call> task).
        WorkflowDefinition session = def;
        Optional<Scheduler> aligned = sched;
        Optional<Config> inherited = Optional.absent();
        if (caller.isObject()) {
            Path cp = Paths.get(caller.path("project").asText()).toAbsolutePath().normalize();
            WorkflowDefinition cdef = load(loader, cp, caller.path("file").asText(), params);
            if (zone.isPresent()) {
                cdef = WorkflowDefinition.of(cdef.getName(), cdef.getConfig(), zone.get());
            }
            Workflow cwf = compiler.compile(cdef.getName(), cdef.getConfig());
            for (WorkflowTask t : cwf.getTasks()) {
                if (t.getFullName().equals(caller.path("task").asText())) {
                    inherited = Optional.of(exportsOf(cwf.getTasks(), t));
                }
            }
            session = WorkflowDefinition.of(def.getName(), def.getConfig(), cdef.getTimeZone());
            aligned = cdef.getConfig().has("schedule") ? schedulers.tryGetScheduler(null, cdef) : Optional.absent();
            res.put("called_by", cdef.getName());
        }

        ArrayNode evals = res.putArray("sessions");
        for (Instant at : sessions) {
            Instant st = at;
            Optional<Instant> last = Optional.absent();
            Optional<Instant> next = Optional.absent();
            if (aligned.isPresent()) {
                st = aligned.get().getFirstScheduleTime(at).getTime();
                last = Optional.of(aligned.get().lastScheduleTime(st).getTime());
                next = Optional.of(aligned.get().nextScheduleTime(st).getTime());
            }
            ZoneId tz = session.getTimeZone();
            ObjectNode e = evals.addObject();
            e.put("requested", at.toString());
            e.put("session_time", SESSION_TIME.withZone(tz).format(st));
            ArrayNode tasks = e.putArray("tasks");
            Config attempt = params.deepCopy();
            if (last.isPresent()) {
                attempt.set("last_session_time", SESSION_TIME.withZone(tz).format(last.get()));
            }
            if (next.isPresent()) {
                attempt.set("next_session_time", SESSION_TIME.withZone(tz).format(next.get()));
            }
            evalTasks(tasks, wf.getTasks(), session, attempt, st, eval, compiler, inherited);
        }
    }

    // exportsOf is the _export a task gets: its parents', root first, then
    // its own, as WorkflowExecutor.collectParams merges them.
    private static Config exportsOf(WorkflowTaskList tasks, WorkflowTask t) {
        Config params = CF.create();
        List<WorkflowTask> chain = new ArrayList<>();
        for (Optional<Integer> p = t.getParentIndex(); p.isPresent(); p = tasks.get(p.get()).getParentIndex()) {
            chain.add(0, tasks.get(p.get()));
        }
        for (WorkflowTask p : chain) {
            params.merge(TaskConfig.validate(p.getConfig()).getExport());
        }
        params.merge(TaskConfig.validate(t.getConfig()).getExport());
        return params;
    }

    // evalTasks evaluates every task that runs an operator as
    // OperatorManager would before calling it, and the _error tasks of
    // each task as WorkflowExecutor adds them.
    private static void evalTasks(ArrayNode out, WorkflowTaskList tasks, WorkflowDefinition def,
            Config attempt, Instant session, ConfigEvalEngine eval, WorkflowCompiler compiler,
            Optional<Config> inherited) {
        for (WorkflowTask t : tasks) {
            TaskConfig tc = TaskConfig.validate(t.getConfig());
            // attempt parameters < parents' _export (root first) < the task's own
            Config params = attempt.deepCopy();
            if (inherited.isPresent()) {
                params.merge(inherited.get());
            }
            params.merge(exportsOf(tasks, t));

            Config errorConfig = tc.getErrorConfig();
            if (!errorConfig.isEmpty()) {
                Config export = errorConfig.getNestedOrGetEmpty("_export");
                Config error = CF.create();
                error.set("message", "sparkport verify: a sample error message");
                error.set("class", "SampleError");
                error.set("stacktrace", "");
                export.set("error", error);
                errorConfig.setNested("_export", export);
                try {
                    WorkflowTaskList errorTasks = compiler.compileTasks(t.getFullName(), "^error", errorConfig);
                    evalTasks(out, errorTasks, def, attempt, session, eval, compiler, Optional.of(params));
                } catch (RuntimeException ex) {
                    ObjectNode o = out.addObject();
                    o.put("name", t.getFullName() + "^error");
                    o.put("error", message(ex));
                }
            }

            Config local = tc.getLocal();
            boolean operator = false;
            for (String k : local.getKeys()) {
                operator |= k.endsWith(">") || k.equals("_type");
            }
            if (!operator) {
                continue;
            }
            ObjectNode o = out.addObject();
            o.put("name", t.getFullName());
            try {
                TaskRequest request = TaskRequest.builder()
                        .siteId(0).projectId(1).projectName("sparkport-verify")
                        .workflowName(def.getName()).revision("check")
                        .taskId(t.getIndex() + 1).attemptId(1).sessionId(1)
                        .retryAttemptName(Optional.absent())
                        .taskName(t.getFullName()).lockId("verify")
                        .timeZone(def.getTimeZone())
                        .sessionUuid(UUID.nameUUIDFromBytes((def.getName() + session).getBytes(StandardCharsets.UTF_8)))
                        .sessionTime(session).createdAt(session)
                        .localConfig(local).config(params).lastStateParams(CF.create())
                        .build();
                Config all = RuntimeParams.buildRuntimeParams(CF, request).deepCopy();
                all.merge(request.getConfig());
                Config evalParams = all.deepCopy();
                all.merge(request.getLocalConfig());
                Config evaluated = eval.eval(all, evalParams);
                ObjectNode keep = JSON.createObjectNode();
                for (String k : local.getKeys()) {
                    keep.set(k, evaluated.getInternalObjectNode().get(k));
                }
                o.set("config", keep);
            } catch (RuntimeException | io.digdag.spi.TemplateException ex) {
                o.put("error", message(ex));
            }
        }
    }

    private static String message(Throwable ex) {
        StringBuilder b = new StringBuilder();
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = ex; t != null && seen.add(t); t = t.getCause()) {
            String m = t.getMessage();
            if (m == null || b.indexOf(m) >= 0) {
                continue;
            }
            if (b.length() > 0) {
                b.append(": ");
            }
            b.append(m);
        }
        for (Throwable s : ex.getSuppressed()) {
            b.append("; ").append(message(s));
        }
        return b.length() == 0 ? ex.getClass().getName() : b.toString();
    }

    // ---- schedulers ----
    //
    // digdag-standards turns each schedule type into a cron pattern read by
    // cron4j in the workflow's time zone plus a delay: the session time is
    // the pattern's match, the run time that plus the delay (daily>: 02:00:00
    // is "0 0 * * *" delayed 2 hours, so its session_time is midnight).

    private static Set<SchedulerFactory> schedulerFactories() {
        Set<SchedulerFactory> s = new HashSet<>();
        s.add(factory("cron", (c, z) -> new CronScheduler(c.get("_command", String.class), z, c.get("delay", long.class, 0L))));
        s.add(factory("daily", (c, z) -> new CronScheduler("0 0 * * *", z, at(c, "daily>", 3))));
        s.add(factory("hourly", (c, z) -> new CronScheduler("0 * * * *", z, at(c, "hourly>", 2))));
        s.add(factory("minutes_interval", (c, z) -> {
            int n = c.get("_command", int.class);
            return new CronScheduler("*/" + n + " * * * *", z, c.get("delay", long.class, 0L));
        }));
        s.add(factory("seconds_interval", (c, z) -> new IntervalScheduler(z, c.get("_command", int.class), c.get("delay", long.class, 0L))));
        s.add(factory("weekly", (c, z) -> {
            String[] f = c.get("_command", String.class).split(",", 2);
            if (f.length != 2) {
                throw new ConfigException("weekly>: scheduler requires DDD,HH:MM:SS format: " + c.get("_command", String.class));
            }
            return new CronScheduler("0 0 * * " + dayOfWeek(f[0].trim()), z, clock("weekly>", f[1].trim(), 3));
        }));
        s.add(factory("monthly", (c, z) -> {
            String[] f = c.get("_command", String.class).split(",", 2);
            if (f.length != 2) {
                throw new ConfigException("monthly>: scheduler requires D,HH:MM:SS format: " + c.get("_command", String.class));
            }
            int day;
            try {
                day = Integer.parseInt(f[0].trim());
            } catch (NumberFormatException ex) {
                throw new ConfigException("monthly>: invalid day: " + f[0]);
            }
            return new CronScheduler("0 0 " + day + " * *", z, clock("monthly>", f[1].trim(), 3));
        }));
        return s;
    }

    interface Maker {
        Scheduler make(Config c, ZoneId z);
    }

    private static SchedulerFactory factory(String type, Maker m) {
        return new SchedulerFactory() {
            public String getType() {
                return type;
            }

            public Scheduler newScheduler(Config config, ZoneId timeZone) {
                return m.make(config, timeZone);
            }
        };
    }

    private static long at(Config c, String kind, int parts) {
        String at = c.getOptional("_command", String.class).or(() -> c.get("at", String.class));
        return clock(kind, at, parts);
    }

    private static long clock(String kind, String at, int parts) {
        String[] f = at.split(":");
        if (f.length != parts) {
            throw new ConfigException(kind + " scheduler requires " + (parts == 3 ? "hh:mm:ss" : "mm:ss") + " format: " + at);
        }
        long total = 0;
        for (String x : f) {
            try {
                total = total * 60 + Integer.parseInt(x);
            } catch (NumberFormatException ex) {
                throw new ConfigException(kind + " scheduler requires " + (parts == 3 ? "hh:mm:ss" : "mm:ss") + " format: " + at);
            }
        }
        return total;
    }

    private static String dayOfWeek(String d) {
        String[] names = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
        String l = d.toLowerCase(Locale.ENGLISH);
        for (int i = 0; i < names.length; i++) {
            if (l.startsWith(names[i])) {
                return Integer.toString(i);
            }
        }
        try {
            int n = Integer.parseInt(d);
            if (n >= 0 && n <= 6) {
                return Integer.toString(n);
            }
        } catch (NumberFormatException ignored) {
        }
        throw new ConfigException("weekly>: invalid day of week: " + d);
    }

    // IntervalScheduler fires every n seconds of Unix time, as
    // seconds_interval> does.
    static final class IntervalScheduler implements Scheduler {
        private final ZoneId zone;
        private final long n;
        private final long delay;

        IntervalScheduler(ZoneId zone, int n, long delay) {
            if (n <= 0) {
                throw new ConfigException("seconds_interval>: want a positive number of seconds: " + n);
            }
            this.zone = zone;
            this.n = n;
            this.delay = delay;
        }

        public ZoneId getTimeZone() {
            return zone;
        }

        public ScheduleTime getFirstScheduleTime(Instant now) {
            return nextScheduleTime(now.minusNanos(1));
        }

        public ScheduleTime nextScheduleTime(Instant last) {
            long t = last.getEpochSecond() - Math.floorMod(last.getEpochSecond(), n) + n;
            return ScheduleTime.of(Instant.ofEpochSecond(t), Instant.ofEpochSecond(t + delay));
        }

        public ScheduleTime lastScheduleTime(Instant current) {
            Instant c = current.minusNanos(1);
            long t = c.getEpochSecond() - Math.floorMod(c.getEpochSecond(), n);
            return ScheduleTime.of(Instant.ofEpochSecond(t), Instant.ofEpochSecond(t + delay));
        }
    }

    static final class CronScheduler implements Scheduler {
        private final SchedulingPattern pattern;
        private final ZoneId zone;
        private final long delay;

        CronScheduler(String spec, ZoneId zone, long delay) {
            if (!SchedulingPattern.validate(spec)) {
                throw new ConfigException("Invalid cron pattern for cron>: " + spec);
            }
            // cron4j's match(millis) reads the time in the JVM's zone; the
            // pattern must read it in the workflow's.
            this.pattern = new SchedulingPattern(spec) {
                @Override
                public boolean match(long millis) {
                    return match(TimeZone.getTimeZone(zone), millis);
                }
            };
            this.zone = zone;
            this.delay = delay;
        }

        public ZoneId getTimeZone() {
            return zone;
        }

        public ScheduleTime getFirstScheduleTime(Instant now) {
            Instant t = Instant.ofEpochSecond(now.getEpochSecond());
            if (t.equals(now)) {
                t = t.minusSeconds(1); // the Predictor's next is strictly after
            }
            return nextScheduleTime(t.minusSeconds(delay));
        }

        public ScheduleTime nextScheduleTime(Instant last) {
            Instant n = next(last);
            return ScheduleTime.of(n, n.plusSeconds(delay));
        }

        public ScheduleTime lastScheduleTime(Instant current) {
            Instant n = next(current);
            long step = Math.max(60, next(n).getEpochSecond() - n.getEpochSecond());
            // as digdag-standards does: two estimated intervals back at least
            Instant before = current.minusSeconds(step);
            do {
                before = before.minusSeconds(step);
            } while (!before.isBefore(current));
            for (Instant x = next(before); x.isBefore(current); x = next(before)) {
                before = x;
            }
            return ScheduleTime.of(before, before.plusSeconds(delay));
        }

        private Instant next(Instant t) {
            Predictor p = new Predictor(pattern, Date.from(t));
            p.setTimeZone(TimeZone.getTimeZone(zone));
            return Instant.ofEpochMilli(p.nextMatchingTime());
        }
    }
}
