// Shared test setup: jest-dom matchers for component tests (harmless in Node tests).
import '@testing-library/jest-dom/vitest';
