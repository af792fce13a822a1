package org.kpisuite.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files beside a catalog make run loads as budgets. */
class CatalogLoaderFilesTest {

    @Test
    void theBudgetFilesBesideACatalogAreLoadedInNameOrder(@TempDir Path dir) throws Exception {
        for (String name : new String[] { "fy2024.yaml", "budget-fy2025.yml", "budget-fy2024.yaml", "README.md",
                "budget-notes.txt" }) {
            Files.writeString(dir.resolve(name), "x");
        }
        assertThat(CatalogLoader.budgetFiles(dir)).extracting(p -> p.getFileName().toString())
                .containsExactly("budget-fy2024.yaml", "budget-fy2025.yml");
    }

    @Test
    void theRepositoryCatalogHasTheFy2024Budget() throws Exception {
        Path catalog = Path.of("../../deploy/catalog").toAbsolutePath().normalize();
        assertThat(CatalogLoader.budgetFiles(catalog)).extracting(p -> p.getFileName().toString())
                .containsExactly("budget-fy2024.yaml");
    }
}
