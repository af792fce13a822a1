package org.kpisuite.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The files of the repository that deploy/ must agree with: the services' settings and the YAML under deploy/. */
final class Repository {

    static final Path ROOT = Path.of(System.getProperty("kpi.project.root", "../..")).toAbsolutePath().normalize();
    static final Path DEPLOY = ROOT.resolve("deploy");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JDBC_DATABASE = Pattern.compile("^jdbc:postgresql://[^/]+/([A-Za-z0-9_]+)");

    /** Settings that the services leave to the framework's defaults but a deployment may set. */
    private static final Set<String> FRAMEWORK_KEYS = Set.of(
            "quarkus.datasource.password",
            "quarkus.otel.exporter.otlp.endpoint",
            "mp.jwt.verify.publickey.location",
            "mp.jwt.verify.issuer",
            "smallrye.jwt.path.groups");
    /** Variables read by the container image's launcher or by the C library, not by Quarkus. */
    private static final Set<String> IMAGE_VARIABLES = Set.of("JAVA_OPTS_APPEND", "MALLOC_ARENA_MAX");

    /** One service module: its name, HTTP port and database, as its application.properties says. */
    record Service(String name, int port, String database, Properties properties) {
    }

    private Repository() {
    }

    static Map<String, Service> services() {
        Map<String, Service> services = new LinkedHashMap<>();
        try (Stream<Path> dirs = Files.list(ROOT.resolve("services"))) {
            for (Path dir : dirs.filter(d -> Files.isRegularFile(d.resolve("src/main/resources/application.properties")))
                    .sorted().toList()) {
                Properties props = properties(dir.resolve("src/main/resources/application.properties"));
                services.put(dir.getFileName().toString(), new Service(dir.getFileName().toString(),
                        Integer.parseInt(props.getProperty("quarkus.http.port")),
                        database(props.getProperty("quarkus.datasource.jdbc.url")), props));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return services;
    }

    /** The defaults every service shares (platform/messaging and platform/security). */
    static Properties sharedDefaults() {
        Properties shared = new Properties();
        for (String module : List.of("messaging", "security")) {
            shared.putAll(properties(ROOT.resolve("platform/" + module
                    + "/src/main/resources/META-INF/microprofile-config.properties")));
        }
        return shared;
    }

    static String database(String jdbcUrl) {
        Matcher m = JDBC_DATABASE.matcher(jdbcUrl == null ? "" : jdbcUrl);
        if (!m.find()) {
            throw new AssertionError("not a PostgreSQL JDBC URL with a database: " + jdbcUrl);
        }
        return m.group(1);
    }

    /**
     * Whether an environment variable sets a real setting of the service: one that its application.properties or
     * the shared defaults name (in any profile), or a framework setting the suite documents, or the image's own.
     */
    static boolean isKnownVariable(String variable, Service service) {
        if (IMAGE_VARIABLES.contains(variable)) {
            return true;
        }
        Set<String> keys = new TreeSet<>(FRAMEWORK_KEYS);
        for (Properties props : List.of(service.properties(), sharedDefaults())) {
            props.stringPropertyNames().forEach(k -> keys.add(k.replaceFirst("^%[a-z]+\\.", "")));
        }
        return keys.stream().anyMatch(k -> environmentName(k).equals(variable));
    }

    /** The MicroProfile Config environment name of a property: upper case, other characters as underscores. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a (multi-document) YAML file, anchors and merge keys ({@code <<: *anchor}) resolved. */
    static List<JsonNode> documents(Path file) {
        List<JsonNode> docs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (doc != null) {
                    docs.add(JSON.valueToTree(doc));
                }
            }
        } catch (IOException | YAMLException e) {
            throw new AssertionError(file + " is not valid YAML: " + e.getMessage(), e);
        }
        return docs;
    }

    /**
     * The resources of a Kustomization, rendered the simple way: each file of {@code resources:} read, each
     * directory's own kustomization followed.
     */
    static List<JsonNode> kustomize(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(dir + " has no kustomization.yaml");
        }
        List<JsonNode> resources = new ArrayList<>();
        for (JsonNode entry : documents(file).get(0).path("resources")) {
            Path resource = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(resource)) {
                resources.addAll(kustomize(resource));
            } else if (Files.isRegularFile(resource)) {
                resources.addAll(documents(resource));
            } else {
                throw new AssertionError(file + " lists " + entry.asText() + ", which does not exist");
            }
        }
        return resources;
    }

    static JsonNode kustomization(Path dir) {
        return documents(dir.resolve("kustomization.yaml")).get(0);
    }

    static Properties properties(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
