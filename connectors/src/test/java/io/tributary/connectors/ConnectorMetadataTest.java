package io.tributary.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.engine.connector.Connector;
import io.tributary.engine.connector.ConnectorRegistry;
import io.tributary.proto.program.TypeKind;
import io.tributary.sql.catalog.ConnectorSpec;
import io.tributary.sql.catalog.Connectors;
import io.tributary.sql.catalog.MetadataKey;
import io.tributary.sql.plan.SchemaConverter;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.junit.jupiter.api.Test;

/** The metadata keys the planner accepts are exactly those each connector's sources fill, with the same types. */
class ConnectorMetadataTest {
  private static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl();

  @Test
  void thePlannerAndTheConnectorsOfferTheSameMetadata() {
    ConnectorRegistry registry = ConnectorRegistry.load();
    for (ConnectorSpec spec : Connectors.all()) {
      Map<String, TypeKind> planned = spec.metadata().stream().collect(Collectors.toMap(MetadataKey::name,
          key -> SchemaConverter.dataType(TYPES.createSqlType(key.type())).getKind()));
      Map<String, TypeKind> offered = registry.find(spec.name()).map(Connector::metadata).orElse(Map.of());
      assertThat(planned).as(spec.name()).isEqualTo(offered);
    }
    assertThat(registry.connector("single_file").metadata()).containsOnlyKeys("path", "line");
  }
}
