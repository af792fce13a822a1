package org.kpisuite.messaging;

/** An event whose data cannot be read as its type says: retrying cannot help. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
