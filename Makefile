# Thin wrappers over ./mvnw and the dev stack (platform/devstack).
#   make run         build everything, then start PostgreSQL, Kafka and the four services (foreground)
#   make stop        stop a running `make run` (from another terminal)
#   make test        build and run every test
#   make fault-test  only the fault tests: broker stopped and killed, reporting killed, PostgreSQL restarted and gone, under load
#   make bench       build, start the suite on free ports, load it and print the figures (BENCH_* settings: docs/benchmarks.md)
#   make clean       remove build output (keeps .data); make clean-data removes the local data too
#   make -s token ROLE=kpi-admin|kpi-viewer|kpi-bi|kpi-evaluator|kpi-submitter|kpi-approver [DEPARTMENT=<code>]   print a local bearer token

JAVA ?= java
MVNW ?= ./mvnw
DEVSTACK_JAVA_OPTS ?= -Xmx192m -XX:+UseSerialGC
# The load generator also hosts the in-JVM Kafka broker of the suite it starts.
BENCH_JAVA_OPTS ?= -Xms256m -Xmx1g
BENCH_ARGS ?=

DATA := .data
PID_FILE := $(DATA)/devstack.pid
DEVSTACK := platform/devstack

# Succeeds when $(PID_FILE) names a live process.
running = { [ -f $(PID_FILE) ] && kill -0 "$$(cat $(PID_FILE))" 2>/dev/null; }

.DEFAULT_GOAL := help
.PHONY: help run stop test fault-test bench clean clean-data token

help:
	@sed -n '2,8s/^# //p' $(firstword $(MAKEFILE_LIST))

run:
	@if $(running); then echo "DevStack is already running (pid $$(cat $(PID_FILE))): make stop first." >&2; exit 1; fi
	$(MVNW) -q -B -DskipTests package
	@# 130 and 143: stopped by Ctrl-C or make stop, which is how a run ends.
	$(JAVA) $(DEVSTACK_JAVA_OPTS) -cp "$(DEVSTACK)/target/classes:$$(cat $(DEVSTACK)/target/classpath.txt)" \
		org.kpisuite.devstack.DevStack "$(CURDIR)"; \
	rc=$$?; [ $$rc -eq 0 ] || [ $$rc -eq 130 ] || [ $$rc -eq 143 ] || exit $$rc

# Prints the token and nothing else (build output goes to stderr), for $(make -s token ROLE=...).
token:
	@test -f $(DEVSTACK)/target/classes/org/kpisuite/devstack/TokenCommand.class -a -f $(DEVSTACK)/target/classpath.txt \
		|| $(MVNW) -q -B -DskipTests -pl $(DEVSTACK) -am package >&2
	@$(JAVA) -cp "$(DEVSTACK)/target/classes:$$(cat $(DEVSTACK)/target/classpath.txt)" \
		org.kpisuite.devstack.TokenCommand "$(CURDIR)" "$(ROLE)" "$(DEPARTMENT)"

stop:
	@if ! $(running); then echo "Nothing to stop."; rm -f $(PID_FILE); exit 0; fi; \
	pid=$$(cat $(PID_FILE)); echo "Stopping DevStack (pid $$pid)..."; kill -TERM $$pid; \
	for i in $$(seq 1 120); do kill -0 $$pid 2>/dev/null || { echo "Stopped."; exit 0; }; sleep 0.5; done; \
	echo "DevStack (pid $$pid) did not stop within 60 s." >&2; exit 1

test:
	@# The dashboard's browser test drives Debian's chromium and chromedriver, with a Japanese font (CI runs as root).
	command -v chromium >/dev/null && command -v chromedriver >/dev/null && dpkg -s fonts-ipafont-gothic >/dev/null 2>&1 \
		|| { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-ipafont-gothic; }
	$(MVNW) -B verify

# Part of make test as well; this runs them alone (the services are built first, their own tests skipped).
fault-test:
	$(MVNW) -B -pl platform/e2e-tests -am verify -Dtest='*FaultTest' -Dsurefire.failIfNoSpecifiedTests=false

bench:
	$(MVNW) -q -B -DskipTests package -pl platform/bench -am
	$(JAVA) $(BENCH_JAVA_OPTS) -Dkpi.project.root="$(CURDIR)" \
		-cp "platform/bench/target/classes:$$(cat platform/bench/target/classpath.txt)" org.kpisuite.bench.Bench $(BENCH_ARGS)

clean:
	$(MVNW) -q clean

clean-data:
	@if $(running); then echo "DevStack is running: make stop first." >&2; exit 1; fi
	rm -rf $(DATA)
