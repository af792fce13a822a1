package org.kpisuite.ingestion.domain;

/** A month closed for one indicator, one department, both or all (null = every one). */
public record ClosedMonth(String month, String indicatorCode, String department) {

    /** Whether this closure covers a value of the indicator and department. */
    public boolean covers(String code, String dept) {
        return (indicatorCode == null || indicatorCode.equals(code)) && (department == null || department.equals(dept));
    }

    /** "2024-05 is closed for indicator x of department y" and its variants. */
    public String describe() {
        String scope = indicatorCode == null && department == null ? "every indicator"
                : indicatorCode == null ? "department " + department
                : department == null ? "indicator " + indicatorCode
                : "indicator " + indicatorCode + " of department " + department;
        return month + " is closed for " + scope;
    }
}
