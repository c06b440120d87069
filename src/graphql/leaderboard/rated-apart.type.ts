import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';

/** Why a model has no finite Bradley–Terry estimate in the slice (src/ratings/rated-apart.ts). */
export enum RatedApartReason {
  NEVER_WON = 'NEVER_WON',
  NEVER_LOST = 'NEVER_LOST',
  BELOW_RATED_GROUP = 'BELOW_RATED_GROUP',
  ABOVE_RATED_GROUP = 'ABOVE_RATED_GROUP',
  NOT_CONNECTED = 'NOT_CONNECTED',
  NO_RATED_GROUP = 'NO_RATED_GROUP',
}

registerEnumType(RatedApartReason, {
  name: 'RatedApartReason',
  description:
    'Why a model is rated apart: a finite Bradley–Terry estimate needs every group of models to have both won and lost against the rest (Zermelo 1929, Ford 1957).',
  valuesConfig: {
    NEVER_WON: { description: 'Every verdict it took part in was a loss.' },
    NEVER_LOST: { description: 'Every verdict it took part in was a win.' },
    BELOW_RATED_GROUP: {
      description:
        'It won some verdicts, but neither it nor any model it beat ever beat a rated model.',
    },
    ABOVE_RATED_GROUP: {
      description:
        'It lost some verdicts, but neither it nor any model that beat it ever lost to a rated model.',
    },
    NOT_CONNECTED: {
      description: 'No chain of verdicts links it both ways to the rated models.',
    },
    NO_RATED_GROUP: {
      description:
        'No group of models in the slice has both won and lost against each other, so no model is rated.',
    },
  },
});

@ObjectType({
  description:
    'A model without a finite estimate in the slice: left out of the fit, the centring and the entries, so the rated models are what they would be without it.',
})
export class RatedApartModel {
  modelId!: number;
  @Field(() => RatedApartReason, { description: 'Why it has no finite estimate.' })
  reason!: RatedApartReason;
  @Field(() => String, { description: 'The reason in words.' })
  explanation!: string;
  @Field(() => Int, { description: 'Verdicts this model won.' }) wins!: number;
  @Field(() => Int, { description: 'Verdicts this model lost.' }) losses!: number;
  @Field(() => Int, { description: 'Ties, including BOTH_BAD.' }) ties!: number;
  @Field(() => Int, { description: 'Verdicts this model took part in.' }) battles!: number;
  @Field(() => Float, {
    nullable: true,
    description:
      "For a model that never beat a rated model: the highest rating (on the rated models' scale) at which losing all its verdicts against them keeps a chance of at least 1 − confidenceLevel (exact one-sided bound, Clopper–Pearson style, the rated ratings taken as known); null otherwise, with boundUnavailableReason.",
  })
  ratingUpperBound!: number | null;
  @Field(() => Float, {
    nullable: true,
    description:
      'For a model that never lost to a rated model: the lowest rating at which winning all its verdicts against them keeps a chance of at least 1 − confidenceLevel; null otherwise.',
  })
  ratingLowerBound!: number | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why neither bound is given; null when one is.',
  })
  boundUnavailableReason!: string | null;
}
