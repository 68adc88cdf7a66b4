package verify

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"time"
)

// SparkVersion is the Spark that scripts/setup-spark installs and
// `--spark local` starts: the 3.5 line Amazon EMR 7 runs.
const SparkVersion = "3.5.7"

// SparkHome is where scripts/setup-spark installed Spark:
// $SPARKPORT_SPARK_HOME, else ~/.cache/sparkport/spark-<version>. It
// returns an error saying how to install it when it is not there.
func SparkHome() (string, error) {
	home := os.Getenv("SPARKPORT_SPARK_HOME")
	if home == "" {
		h, err := os.UserHomeDir()
		if err != nil {
			return "", err
		}
		home = filepath.Join(h, ".cache", "sparkport", "spark-"+SparkVersion)
	}
	if _, err := os.Stat(filepath.Join(home, ".installed-"+SparkVersion)); err != nil {
		return "", fmt.Errorf("no Spark %s in %s: run scripts/setup-spark (or give --spark sc://HOST:PORT)", SparkVersion, home)
	}
	return home, nil
}

// LocalServer is a Spark Connect server this process started.
type LocalServer struct {
	URL string
	cmd *exec.Cmd
}

// StartLocal starts a Spark Connect server on a free loopback port, with
// a Hive metastore (Derby) and warehouse under scratch, and waits until it
// answers. memory is the driver's heap (spark-submit's --driver-memory).
func StartLocal(ctx context.Context, home, scratch, memory string, conf ...string) (*LocalServer, error) {
	pkgs, _ := filepath.Glob(filepath.Join(home, "venv", "lib", "python*", "site-packages", "pyspark"))
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("%s holds no pyspark: run scripts/setup-spark again", home)
	}
	sparkHome := pkgs[0]
	jar := filepath.Join(home, "jars", "spark-connect_2.12-"+SparkVersion+".jar")
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(scratch)
	if err != nil {
		return nil, err
	}
	args := []string{
		"--class", "org.apache.spark.sql.connect.service.SparkConnectServer",
		"--name", "sparkport-verify",
		"--master", "local[*]",
		"--driver-memory", memory,
		"--jars", jar,
		"--conf", "spark.connect.grpc.binding.address=127.0.0.1",
		"--conf", "spark.connect.grpc.binding.port=" + strconv.Itoa(port),
		"--conf", "spark.sql.catalogImplementation=hive",
		"--conf", "spark.sql.warehouse.dir=" + filepath.Join(abs, "warehouse"),
		"--conf", "spark.hadoop.javax.jdo.option.ConnectionURL=jdbc:derby:;databaseName=" + filepath.Join(abs, "metastore_db") + ";create=true",
		"--conf", "spark.ui.enabled=false",
		"--conf", "spark.sql.shuffle.partitions=2",
		"--conf", "spark.driver.extraJavaOptions=-Dderby.system.home=" + abs,
		// No relation cache: a table one session overwrote is never read
		// from another session's stale file listing.
		"--conf", "spark.sql.filesourceTableRelationCacheSize=0",
		// A statement given up on (--timeout) is interrupted soon after
		// the client has gone, instead of running on for minutes.
		"--conf", "spark.connect.execute.manager.detachedTimeout=10s",
	}
	for _, c := range conf {
		args = append(args, "--conf", c)
	}
	args = append(args, "spark-internal")
	cmd := exec.Command(filepath.Join(sparkHome, "bin", "spark-submit"), args...)
	cmd.Dir = abs
	cmd.Env = append(os.Environ(), "SPARK_HOME="+sparkHome, "SPARK_LOCAL_IP=127.0.0.1", "PYSPARK_PYTHON="+filepath.Join(home, "venv", "bin", "python"))
	logFile, err := os.Create(filepath.Join(abs, "spark-connect.log"))
	if err != nil {
		return nil, err
	}
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		logFile.Close()
		return nil, fmt.Errorf("start Spark: %v", err)
	}
	logFile.Close()
	s := &LocalServer{URL: fmt.Sprintf("sc://127.0.0.1:%d", port), cmd: cmd}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	deadline := time.Now().Add(3 * time.Minute)
	for {
		select {
		case err := <-exited:
			tail, _ := os.ReadFile(filepath.Join(abs, "spark-connect.log"))
			return nil, fmt.Errorf("the Spark server exited before it listened (%v); its log ends:\n%s", err, lastLines(tail, 15))
		case <-ctx.Done():
			s.Stop()
			return nil, ctx.Err()
		case <-time.After(300 * time.Millisecond):
		}
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
		if err == nil {
			c.Close()
			go func() { <-exited }()
			return s, nil
		}
		if time.Now().After(deadline) {
			s.Stop()
			return nil, fmt.Errorf("the Spark server did not listen on port %d within 3 minutes (log: %s)", port, filepath.Join(abs, "spark-connect.log"))
		}
	}
}

// Stop ends the server and everything it started.
func (s *LocalServer) Stop() {
	if s == nil || s.cmd.Process == nil {
		return
	}
	pgid := s.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	for i := 0; i < 50; i++ {
		if syscall.Kill(-pgid, 0) != nil {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func lastLines(b []byte, n int) string {
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}
