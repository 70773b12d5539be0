package io.tributary.ui;

import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import io.tributary.ui.editor.SqlEditorView;
import io.tributary.ui.pipelines.PipelinesView;

/** The frame around every page: the product name and the navigation. */
public class MainLayout extends AppLayout {
    public MainLayout() {
        Span title = new Span("Tributary");
        title.getStyle().set("font-weight", "600").set("font-size", "1.25rem").set("margin-inline", "0.5rem");
        addToNavbar(new DrawerToggle(), title);

        SideNav nav = new SideNav();
        nav.addItem(new SideNavItem("SQL editor", SqlEditorView.class));
        nav.addItem(new SideNavItem("Pipelines", PipelinesView.class));
        addToDrawer(nav);
    }
}
