package io.tributary.pipeline.store;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

public interface JobRepository extends JpaRepository<JobEntity, String> {
    List<JobEntity> findByPipelineIdOrderByCreatedAtDesc(String pipelineId);

    Optional<JobEntity> findFirstByPipelineIdOrderByCreatedAtDesc(String pipelineId);

    Optional<JobEntity> findByIdAndPipelineId(String id, String pipelineId);
}
