package io.tributary.ui.editor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlTextTest {
    @Test
    void splitsLinesKeepingEmptyOnes() {
        assertThat(new SqlText("SELECT 1\r\n\nFROM t\n").lines()).containsExactly("SELECT 1", "", "FROM t", "");
    }

    @Test
    void lineRangesAreOffsetsWithoutTheLineBreak() {
        SqlText sql = new SqlText("SELECT a\r\nFROM t\nWHERE x");

        assertThat(sql.lineRange(1)).containsExactly(0, 8);
        assertThat(sql.lineRange(2)).containsExactly(10, 16);
        assertThat(sql.lineRange(3)).containsExactly(17, 24);
    }

    @Test
    void aLineBeyondTheTextIsItsEnd() {
        assertThat(new SqlText("SELECT 1").lineRange(4)).containsExactly(8, 8);
    }
}
