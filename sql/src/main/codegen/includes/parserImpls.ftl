<#--
  Tributary's statements on top of Calcite's grammar: CREATE TABLE ... WITH (...) [AS query],
  CREATE VIEW, EXPLAIN query, column types Arroyo users write (STRUCT<...>, T[], bare INTERVAL),
  the PostgreSQL cast operator `::` and JSON operators `->` / `->>`. Included into Parser.jj by FMPP.
-->

/**
 * CREATE [TEMPORARY] TABLE [IF NOT EXISTS] name [(element, ...)] [WITH (option, ...)] [AS query].
 * The column list is optional: fixed-schema connectors (impulse) and sinks whose schema
 * comes from their INSERT declare none. Without WITH the table is a memory table.
 */
SqlCreate SqlCreateTable(Span s, boolean replace) :
{
    boolean ifNotExists = false;
    boolean temporary = false;
    final SqlIdentifier name;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    final List<SqlNode> watermarks = new ArrayList<SqlNode>();
    final List<SqlNode> primaryKeys = new ArrayList<SqlNode>();
    boolean declaresColumns = false;
    SqlNodeList options = SqlNodeList.EMPTY;
    SqlNode query = null;
}
{
    [
        <TEMPORARY> { temporary = true; }
    ]
    <TABLE>
    [
        LOOKAHEAD(3)
        <IF> <NOT> <EXISTS> { ifNotExists = true; }
    ]
    name = CompoundIdentifier()
    [
        <LPAREN> { declaresColumns = true; }
        TableElement(columns, watermarks, primaryKeys)
        (
            <COMMA> TableElement(columns, watermarks, primaryKeys)
        )*
        <RPAREN>
    ]
    [
        <WITH> options = TableOptions()
    ]
    [
        <AS> query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    ]
    {
        return new SqlCreateTable(s.end(this), replace, temporary, ifNotExists, name, declaresColumns,
            new SqlNodeList(columns, s.pos()),
            new SqlNodeList(watermarks, s.pos()),
            new SqlNodeList(primaryKeys, s.pos()),
            options, query);
    }
}

void TableElement(List<SqlNode> columns, List<SqlNode> watermarks, List<SqlNode> primaryKeys) :
{
    final Span s;
    final SqlIdentifier column;
    final SqlDataTypeSpec type;
    final boolean nullable;
    SqlNode expression = null;
    SqlNode metadataKey = null;
    final SqlNodeList keys;
}
{
    LOOKAHEAD(2)
    <WATERMARK> { s = span(); }
    <FOR> column = SimpleIdentifier()
    [
        <AS> expression = Expression(ExprContext.ACCEPT_NON_QUERY)
    ]
    {
        watermarks.add(new SqlWatermarkDeclaration(s.end(this), column, expression));
    }
|
    <PRIMARY> { s = span(); }
    <KEY> keys = ParenthesizedSimpleIdentifierList()
    {
        primaryKeys.add(new SqlPrimaryKey(s.end(this), keys));
    }
|
    column = SimpleIdentifier() { s = span(); }
    type = ColumnType()
    nullable = NullableOptDefaultTrue()
    [
        // Arroyo's inline form, `id INT PRIMARY KEY`: the same as PRIMARY KEY (id).
        <PRIMARY> <KEY> {
            primaryKeys.add(new SqlPrimaryKey(column.getParserPosition(),
                new SqlNodeList(java.util.List.of(column), column.getParserPosition())));
        }
    ]
    [
        <GENERATED> <ALWAYS> <AS> <LPAREN>
        expression = Expression(ExprContext.ACCEPT_NON_QUERY)
        <RPAREN>
    |
        <METADATA> <FROM> metadataKey = StringLiteral()
    ]
    [
        // Arroyo's lookup tables: `id TEXT METADATA FROM 'key' PRIMARY KEY`.
        <PRIMARY> <KEY> {
            primaryKeys.add(new SqlPrimaryKey(column.getParserPosition(),
                new SqlNodeList(java.util.List.of(column), column.getParserPosition())));
        }
    ]
    {
        columns.add(new SqlColumnDeclaration(s.end(this), column, type.withNullable(nullable),
            expression, metadataKey));
    }
}

/**
 * A column's type: Calcite's data types, STRUCT<name TYPE, ...>, PostgreSQL's `T[]` arrays
 * and Arroyo's bare INTERVAL (which Calcite only knows with a qualifier, INTERVAL DAY ...).
 */
SqlDataTypeSpec ColumnType() :
{
    SqlTypeNameSpec typeName;
    Span s;
}
{
    (
        LOOKAHEAD(<INTERVAL> (<COMMA> | <RPAREN> | <NOT> | <NULL> | <LBRACKET> | <GT> | <METADATA> | <GENERATED>))
        <INTERVAL> {
            s = span();
            typeName = new SqlUserDefinedTypeNameSpec(new SqlIdentifier("INTERVAL", s.pos()), s.pos());
        }
    |
        typeName = TypeName() { s = Span.of(typeName.getParserPos()); }
    )
    (
        typeName = CollectionsTypeName(typeName)
    |
        <LBRACKET> <RBRACKET> {
            typeName = new SqlCollectionTypeNameSpec(typeName, SqlTypeName.ARRAY, s.end(this));
        }
    )*
    {
        return new SqlDataTypeSpec(typeName, s.end(this));
    }
}

/** STRUCT<name TYPE [NOT NULL], ...>: Arroyo's spelling of ROW(name TYPE, ...). */
SqlTypeNameSpec StructTypeName() :
{
    final Span s;
    final List<SqlIdentifier> names = new ArrayList<SqlIdentifier>();
    final List<SqlDataTypeSpec> types = new ArrayList<SqlDataTypeSpec>();
}
{
    <STRUCT> { s = span(); }
    <LT>
    StructField(names, types)
    (
        <COMMA> StructField(names, types)
    )*
    <GT>
    {
        return new SqlRowTypeNameSpec(s.end(this), names, types);
    }
}

void StructField(List<SqlIdentifier> names, List<SqlDataTypeSpec> types) :
{
    final SqlIdentifier name;
    final SqlDataTypeSpec type;
    final boolean nullable;
}
{
    name = SimpleIdentifier()
    type = ColumnType()
    nullable = NullableOptDefaultTrue()
    {
        names.add(name);
        types.add(type.withNullable(nullable));
    }
}

/** WITH ('key' = 'value', key = 'value', ...): keys quoted or bare (dotted) identifiers. */
SqlNodeList TableOptions() :
{
    final Span s;
    final List<SqlNode> list = new ArrayList<SqlNode>();
}
{
    <LPAREN> { s = span(); }
    [
        TableOption(list)
        (
            <COMMA> TableOption(list)
        )*
    ]
    <RPAREN>
    {
        return new SqlNodeList(list, s.end(this));
    }
}

void TableOption(List<SqlNode> list) :
{
    final SqlNode key;
    final SqlNode value;
}
{
    (
        key = StringLiteral()
    |
        key = CompoundIdentifier()
    )
    <EQ>
    (
        value = StringLiteral()
    |
        value = NumericLiteral()
    |
        value = SpecialLiteral()
    |
        // 'lookup.cache.ttl' = interval '5 seconds'
        value = IntervalLiteral()
    |
        value = CompoundIdentifier()
    )
    {
        list.add(new SqlTableOption(Span.of(key, value).pos(), key, value));
    }
}

/** CREATE [OR REPLACE] VIEW name [(column, ...)] AS query. */
SqlCreate SqlCreateView(Span s, boolean replace) :
{
    final SqlIdentifier name;
    SqlNodeList columns = null;
    final SqlNode query;
}
{
    <VIEW> name = CompoundIdentifier()
    [
        columns = ParenthesizedSimpleIdentifierList()
    ]
    <AS>
    query = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    {
        return new SqlCreateView(s.end(this), replace, name, columns, query);
    }
}

/**
 * EXPLAIN [PLAN FOR] statement: the statement is planned and the result is its dataflow as
 * text. PLAN FOR is accepted for those used to Calcite's and Flink's spelling.
 */
SqlNode TributaryExplain() :
{
    final Span s;
    final SqlNode statement;
}
{
    <EXPLAIN> { s = span(); }
    [
        LOOKAHEAD(2) <PLAN> <FOR>
    ]
    (
        statement = SqlInsert()
    |
        statement = OrderedQueryOrExpr(ExprContext.ACCEPT_QUERY)
    )
    {
        return new SqlExplainStatement(s.end(statement), statement);
    }
}

/** `json -> key` (a JSON value as JSON text) and `json ->> key` (as text), PostgreSQL's operators. */
void JsonArrow(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlOperator op;
}
{
    (
        <LAMBDA> { op = DialectOperators.JSON_ARROW; }
    |
        <JSON_TEXT_ARROW> { op = DialectOperators.JSON_TEXT_ARROW; }
    )
    {
        checkNonQueryExpression(exprContext);
        list.add(new SqlParserUtil.ToTreeListItem(op, getPos()));
    }
    AddExpression2b(list, ExprContext.ACCEPT_SUB_QUERY)
}

/** `expression::type`, parsed with the precedence of PostgreSQL's cast operator. */
void InfixCast(List<Object> list, ExprContext exprContext, Span s) :
{
    final SqlDataTypeSpec dt;
}
{
    <INFIX_CAST> {
        checkNonQueryExpression(exprContext);
    }
    dt = DataType() {
        list.add(
            new SqlParserUtil.ToTreeListItem(SqlLibraryOperators.INFIX_CAST,
                s.pos()));
        list.add(dt);
    }
}

/**
 * Arroyo's `unnest(list)` in a select list: one row per element. Parsed as a call of
 * DialectOperators.UNNEST, which UnnestSyntax turns into a CROSS JOIN UNNEST(list).
 */
SqlNode UnnestFunctionCall() :
{
    final Span s;
    final SqlNode list;
}
{
    <UNNEST> { s = span(); }
    <LPAREN>
    list = Expression(ExprContext.ACCEPT_SUB_QUERY)
    <RPAREN>
    {
        return DialectOperators.UNNEST.createCall(s.end(this), list);
    }
}
