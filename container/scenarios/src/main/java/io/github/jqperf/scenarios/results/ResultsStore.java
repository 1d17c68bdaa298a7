package io.github.jqperf.scenarios.results;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@link Results} as JSON (Jackson). */
public final class ResultsStore {

    /** The file name inside an output directory. */
    public static final String FILE = "results.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ResultsStore() {}

    /**
     * Writes the results to {@code dir/results.json} (through a temporary file, then renamed).
     *
     * @param dir the output directory
     * @param results what to write
     * @return the file written
     * @throws IOException when it cannot be written
     */
    public static Path write(final Path dir, final Results results) throws IOException {
        Files.createDirectories(dir);
        final Path tmp = dir.resolve(FILE + ".tmp");
        JSON.writeValue(tmp.toFile(), results);
        final Path file = dir.resolve(FILE);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /**
     * Reads {@code dir/results.json}, or the file itself when {@code path} is a file.
     *
     * @param path an output directory or a results file
     * @return the results
     * @throws IOException when it cannot be read or is not a results file
     */
    public static Results read(final Path path) throws IOException {
        final Path file = Files.isDirectory(path) ? path.resolve(FILE) : path;
        final Results r = JSON.readValue(file.toFile(), Results.class);
        if (r.schema() == null || !r.schema().startsWith("jqperf-scenarios/")) {
            throw new IOException(file + " is not a jqperf scenario results file (schema " + r.schema() + ")");
        }
        return r;
    }
}
