package io.tributary.pipeline.store;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface JobRepository extends JpaRepository<JobEntity, String> {
    List<JobEntity> findByPipelineIdOrderByCreatedAtDesc(String pipelineId);

    Optional<JobEntity> findFirstByPipelineIdOrderByCreatedAtDesc(String pipelineId);

    Optional<JobEntity> findByIdAndPipelineId(String id, String pipelineId);

    /** The first page of the jobs of all pipelines but previews, newest first. */
    @Query("""
            SELECT j FROM JobEntity j
            WHERE j.pipelineId IN (SELECT p.id FROM PipelineEntity p WHERE p.preview = false)
            ORDER BY j.createdAt DESC, j.id DESC
            """)
    List<JobEntity> findNonPreviewNewestFirst(Limit limit);

    /** The page after the job created at {@code createdAt} with id {@code id}, in the same order. */
    @Query("""
            SELECT j FROM JobEntity j
            WHERE j.pipelineId IN (SELECT p.id FROM PipelineEntity p WHERE p.preview = false)
              AND (j.createdAt < :createdAt OR (j.createdAt = :createdAt AND j.id < :id))
            ORDER BY j.createdAt DESC, j.id DESC
            """)
    List<JobEntity> findNonPreviewNewestFirstAfter(@Param("createdAt") long createdAt, @Param("id") String id,
            Limit limit);
}
