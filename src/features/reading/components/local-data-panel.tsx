import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { forgetAll, importRecords } from '../api/update-reading.ts';
import { exportState, ImportError, parseExport, type ReadingState } from '../api/reading-store.ts';

/** The file an export is saved as, dated. */
const exportName = (now: Date) => `新闻阅读-阅读记录-${now.toISOString().slice(0, 10)}.json`;

/**
 * What this browser remembers, which is the reader's: how much, exported to a JSON file,
 * imported from one (merged; a bad file is refused whole, with the reason), or forgotten.
 */
export function LocalDataPanel({ reading }: { reading: ReadingState }) {
  const client = useQueryClient();
  const [message, setMessage] = useState<{ text: string; error?: boolean }>();
  const [confirming, setConfirming] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const records = [...reading.records.values()];
  const read = records.filter((record) => record.readAt !== undefined).length;
  const saved = records.filter((record) => record.savedAt !== undefined).length;

  const download = () => {
    const now = new Date();
    const blob = new Blob([JSON.stringify(exportState(reading, now), null, 2)], { type: 'application/json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = exportName(now);
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    setMessage({ text: `已导出 ${records.length} 条记录。` });
  };

  const upload = async (file: File) => {
    try {
      const imported = parseExport(await file.text());
      await importRecords(client, imported);
      setMessage({ text: `已导入 ${imported.records.length} 条记录，与本机的记录合并。` });
    } catch (error) {
      setMessage({
        text: error instanceof ImportError ? error.message : '导入失败：无法读取这个文件，没有导入任何内容。',
        error: true,
      });
    }
  };

  return (
    <section className="local-data" aria-labelledby="local-data-title">
      <h2 id="local-data-title" className="section-title">
        本机的阅读记录
      </h2>
      <p className="local-data__summary">
        已读 {read} 篇，收藏 {saved} 篇。记录只保存在这个浏览器里，不会上传。
      </p>
      {!reading.remembered && (
        <p className="local-data__warning" role="alert">
          这个浏览器不能保存阅读记录（隐私模式，或存储空间已满）：本次阅读的记录在关闭页面后不会保留。
        </p>
      )}
      <div className="local-data__actions">
        <button type="button" className="button button--small" onClick={download}>
          导出为文件
        </button>
        <button type="button" className="button button--small" onClick={() => fileInput.current?.click()}>
          从文件导入
        </button>
        <input
          ref={fileInput}
          hidden
          type="file"
          accept="application/json,.json"
          aria-label="选择要导入的阅读记录文件"
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) void upload(file);
          }}
        />
        {confirming ? (
          <>
            <button
              type="button"
              className="button button--small button--danger"
              onClick={() => {
                setConfirming(false);
                void forgetAll(client).then(() => setMessage({ text: '已清除本机的阅读记录。' }));
              }}
            >
              确定清除
            </button>
            <button type="button" className="button button--small" onClick={() => setConfirming(false)}>
              取消
            </button>
          </>
        ) : (
          <button type="button" className="button button--small" onClick={() => setConfirming(true)}>
            清除记录
          </button>
        )}
      </div>
      <p
        className={message?.error ? 'local-data__message local-data__message--error' : 'local-data__message'}
        role="status"
      >
        {message?.text}
      </p>
    </section>
  );
}
