/**
 * A model's name as a link to its page (/models/<name>), keeping the slice of the page it is on:
 * the model page then shows the same judges, categories and time range.
 */
import { hrefOf } from '../state/location';
import { SLICE_PARAMETERS } from '../state/slice';

/** Only the slice's parameters of `params`: what travels from one view to another. */
export function sliceParams(params: URLSearchParams): URLSearchParams {
  const kept = new URLSearchParams();
  for (const parameter of SLICE_PARAMETERS)
    for (const value of params.getAll(parameter)) kept.append(parameter, value);
  return kept;
}

export function modelHref(name: string, params = new URLSearchParams(location.search)): string {
  return hrefOf('model', sliceParams(params), name);
}

export interface ModelLinkProps {
  name: string;
  /** Shown instead of the name (a shortened one); the full name stays in the title. */
  label?: string;
}

export function ModelLink({ name, label }: ModelLinkProps) {
  return (
    <a href={modelHref(name)} class="model-link" data-model-link={name} title={label && name}>
      {label ?? name}
    </a>
  );
}
