package io.tributary.compiler;

import io.tributary.compiler.udf.UdfArtifacts;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CompilerConfiguration {
    @Bean
    UdfArtifacts udfArtifacts(CompilerProperties properties) {
        return new UdfArtifacts(properties.artifactDir(), properties.maven().repositoryUrl(),
                properties.artifactUrl());
    }
}
