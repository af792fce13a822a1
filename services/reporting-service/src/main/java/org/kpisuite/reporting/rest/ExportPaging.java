package org.kpisuite.reporting.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * The page size and format parameters every export takes, declared once ({@code @BeanParam}); each export's cursor
 * stays its own, since it names that export's sort key.
 */
public class ExportPaging {

    static final int DEFAULT_LIMIT = 1000;
    static final int MAX_LIMIT = 10000;

    @Parameter(description = "Rows per answer, 1 to 10000", example = "1000",
            schema = @Schema(type = SchemaType.INTEGER, defaultValue = "1000", minimum = "1", maximum = "10000"))
    @QueryParam("limit")
    @Min(1)
    @Max(MAX_LIMIT)
    public Integer limit;

    @Parameter(description = "json or csv; default: by the Accept header, else json", example = "csv",
            schema = @Schema(type = SchemaType.STRING, enumeration = { "json", "csv" }))
    @QueryParam("format")
    public ExportFormat format;

    @Parameter(description = "CSV only: start with the UTF-8 BOM (EF BB BF) for Excel", example = "true",
            schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false"))
    @QueryParam("bom")
    public Boolean bom;

    int limitOrDefault() {
        return limit == null ? DEFAULT_LIMIT : limit;
    }

    boolean withBom() {
        return Boolean.TRUE.equals(bom);
    }
}
