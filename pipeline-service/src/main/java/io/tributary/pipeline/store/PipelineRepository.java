package io.tributary.pipeline.store;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

public interface PipelineRepository extends JpaRepository<PipelineEntity, String> {
    List<PipelineEntity> findByPreviewFalseOrderByCreatedAtDescIdDesc(Limit limit);

    /** The page after the pipeline created at {@code createdAt} with id {@code id}, newest first. */
    @Query("""
            SELECT p FROM PipelineEntity p
            WHERE p.preview = false
              AND (p.createdAt < :createdAt OR (p.createdAt = :createdAt AND p.id < :id))
            ORDER BY p.createdAt DESC, p.id DESC
            """)
    List<PipelineEntity> findNonPreviewNewestFirstAfter(@Param("createdAt") long createdAt, @Param("id") String id,
            Limit limit);
}
