<#--
  Tributary's statements on top of Calcite's grammar: CREATE TABLE ... WITH (...),
  CREATE VIEW, and the PostgreSQL cast operator `::`. Included into Parser.jj by FMPP.
-->

/**
 * CREATE TABLE [IF NOT EXISTS] name [(element, ...)] [WITH (option, ...)].
 * The column list is optional: fixed-schema connectors (impulse) and sinks whose schema
 * comes from their INSERT declare none.
 */
SqlCreate SqlCreateTable(Span s, boolean replace) :
{
    boolean ifNotExists = false;
    final SqlIdentifier name;
    final List<SqlNode> columns = new ArrayList<SqlNode>();
    final List<SqlNode> watermarks = new ArrayList<SqlNode>();
    final List<SqlNode> primaryKeys = new ArrayList<SqlNode>();
    boolean declaresColumns = false;
    SqlNodeList options = SqlNodeList.EMPTY;
}
{
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
    {
        return new SqlCreateTable(s.end(this), replace, ifNotExists, name, declaresColumns,
            new SqlNodeList(columns, s.pos()),
            new SqlNodeList(watermarks, s.pos()),
            new SqlNodeList(primaryKeys, s.pos()),
            options);
    }
}

void TableElement(List<SqlNode> columns, List<SqlNode> watermarks, List<SqlNode> primaryKeys) :
{
    final Span s;
    final SqlIdentifier column;
    final SqlDataTypeSpec type;
    final boolean nullable;
    SqlNode expression = null;
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
    type = DataType()
    nullable = NullableOptDefaultTrue()
    [
        <GENERATED> <ALWAYS> <AS> <LPAREN>
        expression = Expression(ExprContext.ACCEPT_NON_QUERY)
        <RPAREN>
    ]
    {
        columns.add(new SqlColumnDeclaration(s.end(this), column, type.withNullable(nullable),
            expression));
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
