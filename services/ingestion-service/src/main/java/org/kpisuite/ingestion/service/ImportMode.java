package org.kpisuite.ingestion.service;

/** How a batch treats its rejected rows. */
public enum ImportMode {
    /** Any rejected row: nothing is stored. */
    ATOMIC,
    /** The valid rows are stored, the rejected ones listed. */
    ROW_BY_ROW
}
