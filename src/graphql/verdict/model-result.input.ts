import { Field, InputType, registerEnumType } from 'type-graphql';

export enum ModelResult {
  WIN = 'WIN',
  LOSS = 'LOSS',
  TIE = 'TIE',
}
registerEnumType(ModelResult, {
  name: 'ModelResult',
  description: "A verdict's result for one model, whichever side it was on.",
  valuesConfig: {
    WIN: { description: 'The model was preferred (A>>B or A>B from its side).' },
    LOSS: { description: 'The other model was preferred.' },
    TIE: { description: 'A tie, including BOTH_BAD.' },
  },
});

@InputType({ description: 'Verdicts one model won, lost or tied.' })
export class ModelResultInput {
  @Field(() => String, { description: 'Name of the model.' }) model!: string;
  @Field(() => ModelResult, { description: 'The result from its side.' }) result!: ModelResult;
}
