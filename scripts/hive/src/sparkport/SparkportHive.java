// SparkportHive runs HiveQL statements on an embedded Hive 4.1 for
// `sparkport verify --against-hive`: one Hive session (embedded Derby
// metastore, local file system, Tez in local mode), fed one JSON request per
// line on stdin, answering one JSON line per request on stdout.
//
//   request:  {"sql": "INSERT ...", "fetch": true, "max": 1000}
//   answer:   {"ok": true, "columns": ["a", "b"], "types": ["int", "string"],
//              "rows": [["1", "x"], ["2", null]], "more": false, "ms": 812}
//          or {"ok": false, "error": "FAILED: SemanticException ...", "ms": 40}
//
// The first line it writes is {"ready": true, "hive": "<version>"} once the
// session has started. Values come back as Hive's own text for them (what
// the Hive CLI prints); NULL is JSON null. The folder given as the only
// argument holds the metastore, the warehouse and the scratch space; it is
// the caller's to create and remove.
package sparkport;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.api.FieldSchema;
import org.apache.hadoop.hive.metastore.api.Schema;
import org.apache.hadoop.hive.ql.DriverFactory;
import org.apache.hadoop.hive.ql.IDriver;
import org.apache.hadoop.hive.ql.processors.CommandProcessor;
import org.apache.hadoop.hive.ql.processors.CommandProcessorFactory;
import org.apache.hadoop.hive.ql.session.SessionState;
import org.apache.hive.common.util.HiveVersionInfo;

public final class SparkportHive {
  private static final Gson JSON = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: SparkportHive DIR");
      System.exit(2);
    }
    // stdout carries the protocol; whatever Hive prints goes to stderr.
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    System.setOut(System.err);

    String dir = args[0];
    // Derby writes its log in the working folder unless told otherwise.
    System.setProperty("derby.stream.error.file", dir + "/derby.log");
    HiveConf conf = new HiveConf(SessionState.class);
    configure(conf, dir);
    SessionState.start(new SessionState(conf));

    JsonObject ready = new JsonObject();
    ready.addProperty("ready", true);
    ready.addProperty("hive", HiveVersionInfo.getVersion());
    out.println(JSON.toJson(ready));

    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject answer;
      try {
        JsonObject req = JsonParser.parseString(line).getAsJsonObject();
        String sql = req.has("sql") ? req.get("sql").getAsString() : "";
        boolean fetch = req.has("fetch") && req.get("fetch").getAsBoolean();
        int max = req.has("max") ? req.get("max").getAsInt() : 10000;
        answer = run(sql, fetch, max);
      } catch (Throwable t) {
        answer = new JsonObject();
        answer.addProperty("ok", false);
        answer.addProperty("error", String.valueOf(t));
      }
      out.println(JSON.toJson(answer));
    }
    try {
      SessionState.get().close();
    } catch (Throwable t) {
      // The answers are written; a failure to close changes nothing.
    }
    System.exit(0);
  }

  // configure makes Hive self-contained in dir: nothing reaches a cluster,
  // a remote metastore or the network.
  private static void configure(HiveConf conf, String dir) {
    String[][] settings = {
      {"javax.jdo.option.ConnectionURL", "jdbc:derby:;databaseName=" + dir + "/metastore_db;create=true"},
      {"hive.metastore.uris", ""},
      {"datanucleus.schema.autoCreateAll", "true"},
      {"datanucleus.schema.autoCreateTables", "true"},
      {"datanucleus.schema.autoCreateColumns", "true"},
      {"datanucleus.schema.autoCreateConstraints", "true"},
      {"datanucleus.autoStartMechanismMode", "ignored"},
      {"hive.metastore.schema.verification", "false"},
      {"metastore.schema.verification", "false"},
      {"metastore.runtime.stats.clean.frequency", "0"},
      {"hive.metastore.warehouse.dir", "file://" + dir + "/warehouse"},
      {"metastore.warehouse.dir", "file://" + dir + "/warehouse"},
      {"metastore.warehouse.external.dir", "file://" + dir + "/external"},
      {"fs.defaultFS", "file:///"},
      {"hive.exec.scratchdir", dir + "/scratch"},
      {"hive.exec.local.scratchdir", dir + "/local-scratch"},
      {"hive.downloaded.resources.dir", dir + "/resources"},
      {"hive.querylog.location", dir + "/log"},
      {"hive.execution.engine", "tez"},
      {"tez.local.mode", "true"},
      {"tez.runtime.optimize.local.fetch", "true"},
      {"tez.staging-dir", dir + "/tez"},
      {"tez.ignore.lib.uris", "true"},
      {"hive.support.concurrency", "false"},
      {"hive.stats.autogather", "false"},
      {"hive.stats.column.autogather", "false"},
      {"hive.server2.enable.doAs", "false"},
      {"hive.query.reexecution.stats.persist.scope", "query"},
      // Legacy estates write plain managed tables; Hive 4 would make them
      // transactional (ACID) by default, which Hive 1.x and 2.x did not.
      {"hive.create.as.insert.only", "false"},
      {"metastore.create.as.acid", "false"},
      {"hive.strict.managed.tables", "false"},
      {"hive.default.fileformat.managed", "TextFile"},
      {"hive.txn.manager", "org.apache.hadoop.hive.ql.lockmgr.DummyTxnManager"},
      {"metastore.metadata.transformer.class", ""},
    };
    for (String[] kv : settings) {
      conf.set(kv[0], kv[1]);
    }
  }

  private static JsonObject run(String sql, boolean fetch, int max) {
    JsonObject answer = new JsonObject();
    long t0 = System.nanoTime();
    String text = sql.trim();
    while (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1).trim();
    }
    String[] tokens = text.split("\\s+");
    try {
      CommandProcessor proc = CommandProcessorFactory.get(tokens, (HiveConf) SessionState.get().getConf());
      if (proc != null && !(proc instanceof IDriver)) {
        // SET, ADD, RESET, …: Hive's own command processors, as its CLI.
        proc.run(text.substring(tokens[0].length()).trim());
        answer.addProperty("ok", true);
      } else {
        IDriver driver = DriverFactory.newDriver((HiveConf) SessionState.get().getConf());
        try {
          driver.run(text);
          answer.addProperty("ok", true);
          if (fetch) {
            fetch(driver, answer, max);
          }
        } finally {
          driver.close();
        }
      }
    } catch (Throwable t) {
      answer.addProperty("ok", false);
      String msg = t.getMessage();
      answer.addProperty("error", msg == null ? String.valueOf(t) : msg);
    }
    answer.addProperty("ms", (System.nanoTime() - t0) / 1_000_000);
    return answer;
  }

  private static void fetch(IDriver driver, JsonObject answer, int max) throws Exception {
    Schema schema = driver.getSchema();
    int n = 0;
    JsonArray columns = new JsonArray();
    JsonArray types = new JsonArray();
    answer.add("columns", columns);
    answer.add("types", types);
    if (schema != null && schema.getFieldSchemas() != null) {
      for (FieldSchema f : schema.getFieldSchemas()) {
        columns.add(f.getName());
        types.add(f.getType());
        n++;
      }
    }
    JsonArray rows = new JsonArray();
    answer.add("rows", rows);
    List<Object> batch = new ArrayList<>();
    int count = 0;
    boolean more = false;
    while (driver.getResults(batch)) {
      for (Object o : batch) {
        if (count == max) {
          more = true;
          break;
        }
        JsonArray row = new JsonArray();
        rows.add(row);
        String[] cells = String.valueOf(o).split("\t", -1);
        if (n > 0 && cells.length != n) {
          // A value held a tab: keep the row whole rather than guess.
          row.add(String.valueOf(o));
        } else {
          for (String c : cells) {
            if (c.equals("NULL")) {
              row.add(JsonNull.INSTANCE);
            } else {
              row.add(c);
            }
          }
        }
        count++;
      }
      batch.clear();
      if (more) {
        break;
      }
    }
    answer.addProperty("more", more);
  }
}
