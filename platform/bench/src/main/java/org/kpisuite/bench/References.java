package org.kpisuite.bench;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.kpisuite.events.Topics;

/**
 * The limits of the machine, measured in the same run: raw JDBC on the same PostgreSQL and raw produce → consume
 * on the same broker, with the settings the services use, and nothing of the suite in between.
 */
final class References {

    /** The producer settings of the reference: batching, lz4, a short linger. */
    static final Map<String, String> BEST_PRODUCER = Map.of(
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
            ProducerConfig.LINGER_MS_CONFIG, "5",
            ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024),
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");

    private final BenchSettings settings;
    private final int[] fiscalYears;

    References(BenchSettings settings, int[] fiscalYears) {
        this.settings = settings;
        this.fiscalYears = fiscalYears;
    }

    /** How the bench connects to the suite's PostgreSQL (the embedded server's superuser, no password). */
    static Properties connectionProperties() {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        props.setProperty("password", "");
        return props;
    }

    /**
     * Inserts the batch phase's rows (indicators {@code from … to − 1}, every month of every fiscal year) into a
     * scratch table shaped like reporting's measurement_revision, with as many connections as the phase has
     * clients, each its own departments' rows, in batches of the same size, one commit per batch (as an import
     * does); then runs reporting's query of the values in force for one fiscal year (and the previous) over it.
     */
    Map<String, Object> jdbc(String jdbcUrl, int from, int to) throws Exception {
        Properties props = connectionProperties();
        props.setProperty("reWriteBatchedInserts", "true");
        String table = "bench_scratch_" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, Object> result = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, props)) {
            try (Statement s = c.createStatement()) {
                ResultSet durable = s.executeQuery("show synchronous_commit");
                durable.next();
                result.put("synchronousCommit", durable.getString(1));
                s.execute("""
                        create table %s (
                            indicator_code varchar(64) not null, component varchar(64) not null,
                            breakdown varchar(128) not null, department varchar(64) not null, period char(7) not null,
                            revision integer not null, fiscal_year integer not null, value numeric(24, 6) not null,
                            measurement_id uuid not null, recorded_at timestamptz not null,
                            primary key (indicator_code, component, breakdown, department, period, revision))
                        """.formatted(table));
                s.execute("create index %s_by_year on %s (fiscal_year, indicator_code)".formatted(table, table));
            }
            try {
                int clients = settings.batchClients();
                ExecutorService pool = Executors.newFixedThreadPool(clients);
                long start = System.nanoTime();
                try {
                    List<Future<Integer>> inserted = new ArrayList<>();
                    for (int client = 0; client < clients; client++) {
                        int mine = client;
                        inserted.add(pool.submit(() -> insertRows(jdbcUrl, props, table, from, to, mine)));
                    }
                    int rows = 0;
                    for (Future<Integer> f : inserted) {
                        rows += f.get();
                    }
                    double seconds = LoadPhases.seconds(start, System.nanoTime());
                    result.put("rows", rows);
                    result.put("rowsPerBatch", settings.batchRows());
                    result.put("connections", clients);
                    result.put("insertRowsPerSecond", LoadPhases.round(rows / seconds));
                } finally {
                    pool.shutdownNow();
                }
                try (Statement s = c.createStatement()) {
                    s.execute("analyze " + table);
                }
                result.put("valuesQuery", valuesQuery(c, table, to));
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("drop table " + table);
                }
            }
        }
        return result;
    }

    /** One connection's share: the rows of the indicators {@link BenchSettings#clientOf} gives that client. */
    private int insertRows(String jdbcUrl, Properties props, String table, int from, int to, int client)
            throws SQLException {
        int n = 0;
        try (Connection c = DriverManager.getConnection(jdbcUrl, props);
                PreparedStatement insert = c.prepareStatement("insert into " + table
                        + " values (?, '', '', ?, ?, 1, ?, ?, ?, ?)")) {
            c.setAutoCommit(false);
            Timestamp now = Timestamp.from(Instant.now());
            for (int y = 0; y < fiscalYears.length; y++) {
                for (int m = 0; m < 12; m++) {
                    for (int i = from; i < to; i++) {
                        if (settings.clientOf(i, settings.batchClients()) != client) {
                            continue;
                        }
                        insert.setString(1, "ref-i" + String.format("%05d", i));
                        insert.setString(2, "bench-d" + (i % settings.departments()));
                        insert.setString(3, java.time.YearMonth.of(fiscalYears[y], 4).plusMonths(m).toString());
                        insert.setInt(4, fiscalYears[y]);
                        insert.setBigDecimal(5, java.math.BigDecimal.valueOf(Dataset.initialValue(i, y, m)));
                        insert.setObject(6, UUID.randomUUID());
                        insert.setTimestamp(7, now);
                        insert.addBatch();
                        if (++n % settings.batchRows() == 0) {
                            insert.executeBatch();
                            c.commit();
                        }
                    }
                }
            }
            insert.executeBatch();
            c.commit();
        }
        return n;
    }

    /** The query of ProgressService.valuesInForce (latest revision per key), for each year, read fully. */
    private Map<String, Object> valuesQuery(Connection c, String table, int indicators) throws SQLException {
        Latencies latencies = new Latencies();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < indicators; i++) {
            codes.add("ref-i" + String.format("%05d", i));
        }
        String sql = """
                select distinct on (indicator_code, component, breakdown, department, period)
                       indicator_code, component, breakdown, period, value
                from %s
                where fiscal_year between ? and ? and indicator_code = any (?) and period <= ? and recorded_at < ?
                order by indicator_code, component, breakdown, department, period, revision desc
                """.formatted(table);
        try (PreparedStatement query = c.prepareStatement(sql)) {
            for (int fiscalYear : fiscalYears) {
                for (int r = 0; r < 10 + settings.reportingRequests(); r++) {
                    long t0 = System.nanoTime();
                    query.setInt(1, fiscalYear - 1);
                    query.setInt(2, fiscalYear);
                    query.setArray(3, c.createArrayOf("varchar", codes.toArray()));
                    query.setString(4, java.time.YearMonth.of(fiscalYear + 1, 3).toString());
                    query.setTimestamp(5, Timestamp.from(Instant.now().plusSeconds(86_400)));
                    int rows = 0;
                    try (ResultSet rs = query.executeQuery()) {
                        while (rs.next()) {
                            rs.getString(1);
                            rs.getBigDecimal(5);
                            rows++;
                        }
                    }
                    if (r >= 10) {
                        latencies.add(System.nanoTime() - t0);
                    }
                    if (rows == 0) {
                        throw new IllegalStateException("the reference query found no rows");
                    }
                }
            }
        }
        return latencies.summary();
    }

    /**
     * The broker's best: produce → consume on a scratch topic with the measurements topic's partitions, durable
     * (acks=all, idempotent) but batched and compressed as a tuned producer would ({@link #BEST_PRODUCER}), and a
     * consumer with the client defaults: throughput flat out, then latency at the freshness rate.
     */
    Map<String, Object> kafka(String bootstrap) throws Exception {
        String topic = "bench.scratch." + UUID.randomUUID().toString().substring(0, 6);
        int partitions = Topics.ALL.stream().filter(t -> t.name().equals(Topics.MEASUREMENTS)).findFirst().orElseThrow()
                .partitions();
        Map<String, Object> result = new LinkedHashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                result.put("partitions", partitions);
                result.put("producer", BEST_PRODUCER);
                result.put("throughput", produceConsume(bootstrap, topic, partitions, settings.kafkaMessages(), 0));
                int rate = settings.freshnessRate();
                result.put("latencyAtFreshnessRate", produceConsume(bootstrap, topic, partitions, rate * 10, rate));
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
        return result;
    }

    /** Sends {@code count} event-sized records (flat out when rate is 0) and consumes them all. */
    private Map<String, Object> produceConsume(String bootstrap, String topic, int partitions, int count, int rate)
            throws Exception {
        String payload = "{\"measurementId\":\"%s\",\"indicatorCode\":\"ref-i00001\",\"component\":null,\"breakdown\":null,"
                + "\"department\":\"bench-d01\",\"month\":\"2025-04\",\"value\":123,\"revision\":1,\"note\":null,"
                + "\"reason\":null,\"recordedAt\":\"2026-01-01T00:00:00Z\",\"recordedBy\":\"anonymous\"}";
        Latencies latencies = new Latencies();
        AtomicLong consumed = new AtomicLong();
        AtomicLong lastConsumed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        List<TopicPartition> assignment = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            assignment.add(new TopicPartition(topic, p));
        }
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.assign(assignment);
            consumer.seekToEnd(assignment);
            assignment.forEach(consumer::position); // resolve the end offsets before anything is produced
            Thread reader = new Thread(() -> {
                while (!stop.get()) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                        Header sent = record.headers().lastHeader("bench-sent");
                        long now = System.nanoTime();
                        latencies.add(now - Long.parseLong(new String(sent.value(), StandardCharsets.UTF_8)));
                        lastConsumed.set(now);
                        consumed.incrementAndGet();
                    }
                }
            }, "bench-kafka-reader");
            Properties producerProps = new Properties();
            producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            producerProps.putAll(BEST_PRODUCER);
            long start;
            reader.start();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                    new StringSerializer())) {
                start = System.nanoTime();
                for (int n = 0; n < count; n++) {
                    if (rate > 0) {
                        long wait = start + (long) n * 1_000_000_000L / rate - System.nanoTime();
                        if (wait > 0) {
                            TimeUnit.NANOSECONDS.sleep(wait);
                        }
                    }
                    var record = new ProducerRecord<>(topic, "ref-i" + (n % 1000), payload.formatted(UUID.randomUUID()));
                    for (String h : List.of("ce_specversion", "ce_id", "ce_source", "ce_type", "ce_subject", "ce_time")) {
                        record.headers().add(h, "bench-reference-value".getBytes(StandardCharsets.UTF_8));
                    }
                    record.headers().add("bench-sent", Long.toString(System.nanoTime()).getBytes(StandardCharsets.UTF_8));
                    producer.send(record);
                }
                producer.flush();
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (consumed.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            stop.set(true);
            reader.join(5_000);
            if (consumed.get() < count) {
                throw new IllegalStateException("consumed " + consumed.get() + " of " + count + " reference records");
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("messages", count);
            if (rate > 0) {
                result.put("ratePerSecond", rate);
            }
            result.put("messagesPerSecond", LoadPhases.round(count / LoadPhases.seconds(start, lastConsumed.get())));
            result.put("latency", latencies.summary());
            return result;
        }
    }
}
