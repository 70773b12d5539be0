package io.tributary.pipeline.store;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PipelineRepository extends JpaRepository<PipelineEntity, String> {
    List<PipelineEntity> findByPreviewFalseOrderByCreatedAtDescIdDesc(Limit limit);
}
