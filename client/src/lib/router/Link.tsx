import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { useRouter } from './context';
import { isPlainClick } from './location';

type Props = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** A real link (works in a new tab) that navigates inside the app on a plain click. */
export function Link({ to, onClick, target, ...rest }: Props) {
  const { navigate } = useRouter();
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (!isPlainClick(event, target ?? null)) return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} target={target} onClick={handleClick} {...rest} />;
}
