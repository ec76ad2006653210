import { useReading } from '../api/get-reading.ts';
import { articlesInProgress } from '../api/reading-progress.ts';
import { ReadingList } from './reading-list.tsx';

/** How many articles in progress the home page shows. */
const ON_HOME = 3;

/**
 * The articles the reader left part-way, the last read first: at most three, below the home
 * page's list (loaded with the remembered state, so nothing above the list moves when it comes).
 */
export function ContinueReading() {
  const reading = useReading();
  const records = reading ? articlesInProgress(reading.records, ON_HOME) : [];
  if (records.length === 0) return null;
  return (
    <section className="continue-reading" aria-labelledby="continue-reading-title">
      <h2 id="continue-reading-title" className="section-title">
        继续阅读
      </h2>
      <ReadingList records={records} show="progress" label="继续阅读" />
    </section>
  );
}
