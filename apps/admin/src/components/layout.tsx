import { Link, Outlet } from '@tanstack/react-router';
import { HealthBadge } from './health-badge.tsx';
import { SearchBox } from './search-box.tsx';
import { ThemeToggle } from './theme-toggle.tsx';

export function Layout() {
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/actors" className="brand">
          <span aria-hidden="true">◆</span> Aether
        </Link>
        <nav aria-label="Main">
          <Link to="/actors" activeProps={{ 'aria-current': 'page', className: 'active' }}>
            Actors
          </Link>
          <Link to="/live" activeProps={{ 'aria-current': 'page', className: 'active' }}>
            Live tail
          </Link>
        </nav>
        <SearchBox />
        <div className="topbar-end">
          <HealthBadge />
          <ThemeToggle />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
