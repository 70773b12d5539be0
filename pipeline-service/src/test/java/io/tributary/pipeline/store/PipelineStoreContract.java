package io.tributary.pipeline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What the pipeline and job tables must do on every database Tributary supports. */
abstract class PipelineStoreContract {
    @Autowired
    PipelineRepository pipelines;

    @Autowired
    JobRepository jobs;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConnectionStore connections;

    @Autowired
    UdfStore udfs;

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void pipelineRoundTripsWithItsProgramBytes() {
        byte[] program = {1, 2, 3, (byte) 0xff, 0};
        pipelines.saveAndFlush(new PipelineEntity("pl_roundtrip", "orders", "SELECT 1", 4, 10_000_000L, false, "none",
                program, 1_000L));

        PipelineEntity read = pipelines.findById("pl_roundtrip").orElseThrow();

        assertThat(read.getName()).isEqualTo("orders");
        assertThat(read.getQuery()).isEqualTo("SELECT 1");
        assertThat(read.getParallelism()).isEqualTo(4);
        assertThat(read.getProgram()).containsExactly(program);
        assertThat(read.getStop()).isEqualTo("none");
    }

    @Test
    void listingSkipsPreviewsAndPagesNewestFirst() {
        for (int i = 0; i < 3; i++) {
            pipelines.saveAndFlush(new PipelineEntity("pl_list" + i, "p" + i, "q", 1, 1, false, "none", new byte[0],
                    10_000L + i));
        }
        pipelines.saveAndFlush(new PipelineEntity("pl_listpreview", "preview", "q", 1, 1, true, "none", new byte[0],
                20_000L));

        List<PipelineEntity> page = pipelines.findByPreviewFalseOrderByCreatedAtDescIdDesc(Limit.of(2));

        assertThat(page).extracting(PipelineEntity::getId).containsExactly("pl_list2", "pl_list1");
    }

    @Test
    void jobsRecordDesiredStopAndBelongToTheirPipeline() {
        pipelines.saveAndFlush(new PipelineEntity("pl_jobs", "p", "q", 1, 1, false, "none", new byte[0], 1L));
        jobs.saveAndFlush(new JobEntity("job_old", "pl_jobs", "Stopped", null, Optional.empty(), 5L));
        JobEntity latest = jobs.saveAndFlush(new JobEntity("job_new", "pl_jobs", "Created", 60_000_000L, Optional.empty(), 6L));

        latest.desire("checkpoint", 7L);
        jobs.saveAndFlush(latest);

        JobEntity read = jobs.findFirstByPipelineIdOrderByCreatedAtDesc("pl_jobs").orElseThrow();
        assertThat(read.getId()).isEqualTo("job_new");
        assertThat(read.getStopMode()).isEqualTo("checkpoint");
        assertThat(read.isRunningDesired()).isFalse();
        assertThat(jobs.findByPipelineIdOrderByCreatedAtDesc("pl_jobs")).extracting(JobEntity::getId)
                .containsExactly("job_new", "job_old");
        assertThat(jobs.findByIdAndPipelineId("job_new", "pl_other")).isEmpty();
    }

    @Test
    void aJobNeedsAnExistingPipeline() {
        assertThatThrownBy(() -> jobs.saveAndFlush(new JobEntity("job_orphan", "pl_missing", "Created", null, Optional.empty(), 1L)))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void transitionsAreRecordedWithGeneratedIds() {
        pipelines.saveAndFlush(new PipelineEntity("pl_transitions", "p", "q", 1, 1, false, "none", new byte[0], 1L));
        jobs.saveAndFlush(new JobEntity("job_transitions", "pl_transitions", "Created", null, Optional.empty(), 1L));

        for (String to : List.of("Compiling", "Scheduling")) {
            jdbc.sql("INSERT INTO job_transitions (job_id, run_id, from_state, to_state, reason, at_micros) "
                            + "VALUES ('job_transitions', 1, 'x', :to, 'because', 2)")
                    .param("to", to)
                    .update();
        }

        assertThat(jdbc.sql("SELECT to_state FROM job_transitions WHERE job_id = 'job_transitions' ORDER BY id")
                .query(String.class).list()).containsExactly("Compiling", "Scheduling");
    }

    @Test
    void pagesContinueAfterACursorWithTiesBrokenById() {
        pipelines.saveAndFlush(new PipelineEntity("pl_cursor_a", "a", "q", 1, 1, false, "none", new byte[0], 50_000L));
        pipelines.saveAndFlush(new PipelineEntity("pl_cursor_b", "b", "q", 1, 1, false, "none", new byte[0], 50_000L));
        pipelines.saveAndFlush(new PipelineEntity("pl_cursor_c", "c", "q", 1, 1, false, "none", new byte[0], 49_999L));
        pipelines.saveAndFlush(new PipelineEntity("pl_cursor_p", "p", "q", 1, 1, true, "none", new byte[0], 49_999L));

        List<PipelineEntity> page = pipelines.findNonPreviewNewestFirstAfter(50_000L, "pl_cursor_b", Limit.of(2));

        assertThat(page).extracting(PipelineEntity::getId).startsWith("pl_cursor_a", "pl_cursor_c");
    }

    @Test
    void jobsOfAllPipelinesPageNewestFirstWithoutPreviews() {
        pipelines.saveAndFlush(new PipelineEntity("pl_alljobs", "p", "q", 1, 1, false, "none", new byte[0], 1L));
        pipelines.saveAndFlush(new PipelineEntity("pl_alljobs_preview", "p", "q", 1, 1, true, "none", new byte[0], 1L));
        jobs.saveAndFlush(new JobEntity("job_all_1", "pl_alljobs", "Stopped", null, Optional.empty(), 900_001L));
        jobs.saveAndFlush(new JobEntity("job_all_2", "pl_alljobs", "Created", null, Optional.empty(), 900_002L));
        jobs.saveAndFlush(new JobEntity("job_all_p", "pl_alljobs_preview", "Created", null, Optional.empty(), 900_003L));

        assertThat(jobs.findNonPreviewNewestFirst(Limit.of(2))).extracting(JobEntity::getId)
                .containsExactly("job_all_2", "job_all_1");
        assertThat(jobs.findNonPreviewNewestFirstAfter(900_002L, "job_all_2", Limit.of(1))).extracting(JobEntity::getId)
                .containsExactly("job_all_1");
    }

    @Test
    void connectionTablesCountTheirPipelinesUntilThoseAreDeleted() {
        connections.insert(new StoredProfile("cp_store", "store-profile", "kafka", "{\"bootstrap_servers\":\"h:1\"}",
                "Kafka at h:1", 1L));
        connections.insert(new StoredTable("ct_store", "store_table", "kafka", Optional.of("cp_store"), "source", "{}",
                "{\"fields\":[]}", 1L, 0));
        pipelines.saveAndFlush(new PipelineEntity("pl_uses", "p", "q", 1, 1, false, "none", new byte[0], 1L));

        connections.recordUse("pl_uses", "ct_store");

        assertThat(connections.table("ct_store")).hasValueSatisfying(table -> {
            assertThat(table.consumers()).isEqualTo(1);
            assertThat(table.profileId()).contains("cp_store");
        });
        assertThat(connections.pipelinesUsing("ct_store")).containsExactly("pl_uses");
        assertThat(connections.tablesOfProfile("cp_store")).containsExactly("store_table");
        assertThat(connections.tableNameTaken("STORE_TABLE")).isTrue();
        jdbc.sql("DELETE FROM pipelines WHERE id = 'pl_uses'").update();
        assertThat(connections.pipelinesUsing("ct_store")).isEmpty();
        assertThatThrownBy(() -> connections.deleteProfile("cp_store")).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(connections.deleteTable("ct_store")).isTrue();
        assertThat(connections.deleteProfile("cp_store")).isTrue();
    }

    @Test
    void connectionTablesPageNewestFirstWithTiesBrokenById() {
        for (String id : List.of("ct_page_a", "ct_page_b", "ct_page_c")) {
            connections.insert(new StoredTable(id, id, "impulse", Optional.empty(), "source", "{}", "{}",
                    id.endsWith("c") ? 70_000L : 80_000L, 0));
        }

        List<StoredTable> first = connections.tablesNewestFirst(Optional.empty(), 2);
        List<StoredTable> next = connections.tablesNewestFirst(Optional.of(first.getLast()), 10);

        assertThat(first).extracting(StoredTable::id).containsExactly("ct_page_b", "ct_page_a");
        assertThat(next).extracting(StoredTable::id).contains("ct_page_c").doesNotContain("ct_page_a", "ct_page_b");
    }

    @Test
    void udfsRoundTripAndNamesAreUnique() {
        udfs.insert(new StoredUdf("udf_store", "math", "plus_one", "source", Optional.empty(), "file:/a.jar", 1L, 2L));

        assertThat(udfs.byName("PLUS_ONE")).hasValueSatisfying(udf -> {
            assertThat(udf.description()).isEmpty();
            assertThat(udf.artifactUrl()).isEqualTo("file:/a.jar");
        });
        assertThatThrownBy(() -> udfs.insert(new StoredUdf("udf_other", "", "plus_one", "s", Optional.of("d"), "f", 1L, 1L)))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(udfs.delete("udf_store")).isTrue();
        assertThat(udfs.delete("udf_store")).isFalse();
    }

    @Test
    void apiKeysAreStoredOnlyAsTheirHash() {
        io.tributary.pipeline.auth.ApiKeys keys = new io.tributary.pipeline.auth.ApiKeys(dataSource);

        io.tributary.pipeline.auth.ApiKeys.Issued issued = keys.create("ci");

        assertThat(issued.key()).startsWith("trb_");
        assertThat(keys.exists(io.tributary.pipeline.auth.ApiKeys.hash(issued.key()))).isTrue();
        assertThat(jdbc.sql("SELECT key_hash FROM api_keys WHERE id = :id").param("id", issued.id()).query(String.class)
                .single()).isEqualTo(io.tributary.pipeline.auth.ApiKeys.hash(issued.key())).doesNotContain(issued.key());
        assertThat(keys.revoke(issued.id())).isTrue();
        assertThat(keys.exists(io.tributary.pipeline.auth.ApiKeys.hash(issued.key()))).isFalse();
    }
}
