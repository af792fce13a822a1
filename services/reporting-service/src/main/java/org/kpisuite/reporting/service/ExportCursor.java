package org.kpisuite.reporting.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.kpisuite.problem.ProblemException;
import org.kpisuite.problem.TextRules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The opaque position of a row in an export: base64url (no padding) of a JSON array holding the export's
 * name and the sort key of the last row delivered, e.g. {@code ["facts","2024-05-08T01:00:00Z","code",...]}.
 * Clients treat it as opaque; the next page starts strictly after that key.
 */
public final class ExportCursor {

    public static final String PARAMETER = "cursor";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ExportCursor() {
    }

    public static String encode(String export, List<String> key) {
        List<String> parts = new ArrayList<>(key.size() + 1);
        parts.add(export);
        parts.addAll(key);
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(parts));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a cursor", e);
        }
    }

    /** The sort key in a cursor of this export (size parts); a 400 problem naming {@code cursor} otherwise. */
    public static List<String> decode(String export, int size, String cursor) {
        try {
            JsonNode parts = JSON.readTree(Base64.getUrlDecoder().decode(cursor.trim().getBytes(StandardCharsets.US_ASCII)));
            if (parts != null && parts.isArray() && parts.size() == size + 1 && export.equals(parts.get(0).asText(null))) {
                List<String> key = new ArrayList<>(size);
                for (int i = 1; i <= size; i++) {
                    // A NUL escaped in the JSON would reach the database as a parameter it cannot take.
                    if (!parts.get(i).isTextual() || TextRules.violation(parts.get(i).textValue()) != null) {
                        throw invalid(export);
                    }
                    key.add(parts.get(i).textValue());
                }
                return key;
            }
        } catch (IllegalArgumentException | java.io.IOException e) {
            // not base64url, or not JSON: the same answer as any other cursor that is not ours
        }
        throw invalid(export);
    }

    /** The 400 problem for a cursor that is not one of this export's. */
    public static ProblemException invalid(String export) {
        return ProblemException.badRequest(PARAMETER,
                "is not a cursor of the " + export + " export; pass the nextCursor of the previous page unchanged");
    }
}
