package org.kpisuite.testing;

import org.junit.jupiter.api.Test;

/**
 * A service's OpenAPI contract test: the document served at {@code /q/openapi} is complete, and real answers of
 * every GET, and of its problems, are what it says. The service's test class extends this and lists its GETs.
 */
public abstract class OpenApiContractCheck {

    @Test
    public void theDocumentIsCompleteAndEveryGetAnswersAsItSays() throws Exception {
        OpenApiContract contract = OpenApiContract.served();
        answers(contract);
        contract.assertNoFaults();
    }

    /**
     * Makes the data that lets every field of an answer appear, then sends each GET of the service, and requests
     * it refuses, through {@link OpenApiContract#get}.
     */
    protected abstract void answers(OpenApiContract contract) throws Exception;
}
