package io.tributary.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.api.model.OutputData;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreviewRowsTest {
    @Test
    void columnsAppearInTheOrderTheyWereFirstSeen() {
        PreviewRows rows = new PreviewRows(10);

        assertThat(rows.add(batch("[{\"user\":\"alice\",\"clicks\":3}]"))).containsExactly("user", "clicks");
        assertThat(rows.add(batch("[{\"clicks\":4,\"user\":\"bob\",\"region\":\"eu\"}]"))).containsExactly("region");

        assertThat(rows.columns()).containsExactly("user", "clicks", "region");
        assertThat(rows.rows()).extracting(row -> row.get("user") + "/" + row.get("region"))
                .containsExactly("alice/", "bob/eu");
    }

    @Test
    void valuesAreShownAsTextNullsAsNullAndNestedValuesAsJson() {
        PreviewRows rows = new PreviewRows(10);

        rows.add(batch("[{\"s\":\"text\",\"n\":1.5,\"b\":true,\"z\":null,\"o\":{\"a\":[1,2]}}]"));

        PreviewRows.Row row = rows.rows().getFirst();
        assertThat(List.of(row.get("s"), row.get("n"), row.get("b"), row.get("z"), row.get("o")))
                .containsExactly("text", "1.5", "true", "NULL", "{\"a\":[1,2]}");
    }

    @Test
    void keepsOnlyTheNewestRowsButCountsAll() {
        PreviewRows rows = new PreviewRows(2);

        rows.add(batch("[{\"i\":1},{\"i\":2},{\"i\":3}]"));

        assertThat(rows.rows()).extracting(row -> row.get("i")).containsExactly("2", "3");
        assertThat(rows.received()).isEqualTo(3);
    }

    @Test
    void equalRowsStayDistinct() {
        PreviewRows rows = new PreviewRows(10);

        rows.add(batch("[{\"i\":1},{\"i\":1}]"));

        assertThat(rows.rows()).doesNotHaveDuplicates().hasSize(2);
    }

    @Test
    void aBatchThatIsNotAJsonArrayIsRejectedWithTheOperator() {
        PreviewRows rows = new PreviewRows(10);

        assertThatThrownBy(() -> rows.add(batch("{\"i\":1}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("preview batch of operator sink_7 is not a JSON array");
        assertThatThrownBy(() -> rows.add(batch("[{")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("preview batch of operator sink_7 is not JSON");
    }

    private static OutputData batch(String json) {
        return new OutputData("sink_7", 0, List.of(), 0, json);
    }
}
