import { useEffect, useState } from 'preact/hooks';

/** A small preview (a video's first frame, never played), only when asked for; the object URL is revoked as soon as it is hidden. */
export function Preview({ file, alt }: { file: File; alt: string }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    const objectUrl = URL.createObjectURL(file);
    setUrl(objectUrl);
    return () => URL.revokeObjectURL(objectUrl);
  }, [file]);
  if (!url) return null;
  if (file.type.startsWith('video/')) return <video class="preview" src={url} aria-label={alt} width={64} height={64} muted preload="metadata" />;
  return <img class="preview" src={url} alt={alt} width={64} height={64} />;
}
