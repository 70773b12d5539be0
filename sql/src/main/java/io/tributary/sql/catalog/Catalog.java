package io.tributary.sql.catalog;

import static java.util.Objects.requireNonNull;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Table;

/**
 * Tables and views declared so far in one query, mirrored into the Calcite schema the
 * validator reads. Names match case-insensitively, like the rest of the dialect.
 *
 * <p>Sinks that take their schema from their INSERT have no row type yet, so they are kept
 * here but not shown to Calcite.
 */
public final class Catalog {
    private final CalciteSchema schema;
    private final Map<String, TableDefinition> tables = new LinkedHashMap<>();
    private final Map<String, ViewDefinition> views = new LinkedHashMap<>();
    private final Map<String, UdfDefinition> udfs = new LinkedHashMap<>();

    public Catalog(CalciteSchema schema) {
        this.schema = requireNonNull(schema, "schema is null");
    }

    public CalciteSchema schema() {
        return schema;
    }

    public Optional<TableDefinition> table(String name) {
        return Optional.ofNullable(tables.get(key(name)));
    }

    public Optional<ViewDefinition> view(String name) {
        return Optional.ofNullable(views.get(key(name)));
    }

    public boolean contains(String name) {
        return tables.containsKey(key(name)) || views.containsKey(key(name));
    }

    public Collection<TableDefinition> tables() {
        return List.copyOf(tables.values());
    }

    public void putTable(TableDefinition table) {
        remove(table.name());
        tables.put(key(table.name()), table);
        if (!table.schemaFromInsert()) {
            schema.add(table.name(), new CatalogTable(table));
        }
    }

    public void putView(ViewDefinition view, Table calciteTable) {
        remove(view.name());
        views.put(key(view.name()), view);
        schema.add(view.name(), calciteTable);
    }

    /** Declares a Java UDF that the query may call; a later one of the same name replaces it. */
    public void putUdf(UdfDefinition udf) {
        udfs.put(key(udf.name()), udf);
    }

    public Collection<UdfDefinition> udfs() {
        return List.copyOf(udfs.values());
    }

    private void remove(String name) {
        TableDefinition table = tables.remove(key(name));
        ViewDefinition view = views.remove(key(name));
        if (table != null) {
            schema.removeTable(table.name());
        }
        if (view != null) {
            schema.removeTable(view.name());
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
