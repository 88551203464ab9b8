// The `ses appraisal-cycle` commands: the agency-wide view of the appraisal (PRB panels, the Level 4-5 share
// against the cap) and a panel's acts on many cases. commander only, as ./program (help loads nothing else).
import { Argument, Option, type Command } from 'commander';

interface Helpers {
  group: (name: string, description: string, heading: string) => Command;
  leaf: (parent: Command, nameAndArgs: string, summary: string) => Command;
  example: (...commands: string[]) => string;
  fileArgument: (name: string, what: string) => Argument;
}

const scopeOptions = (command: Command): Command =>
  command.option('--agency <A>', 'one agency, e.g. DOE').option('--cycle <C>', 'one appraisal cycle, e.g. FY2026');

export const addAppraisalCycleCommands = ({ group, leaf, example, fileArgument }: Helpers, heading: string): void => {
  const cycle = group('appraisal-cycle', 'the appraisal cycle agency-wide: PRB panels, the Level 4-5 share against the cap', heading);
  const token = (person: string) => `--token "$(ses token mint ${person})"`;
  const panelArgument = () => new Argument('<panelId>', 'the PRB panel id, e.g. PRB-DOE-FY2026-1');
  scopeOptions(leaf(cycle, 'panels', 'the PRB panels: members (career or not), executives reviewed, recommendations and final ratings so far')).addHelpText(
    'after',
    example(`ses appraisal-cycle panels --agency DOE --cycle FY2026 ${token('ero-kim')}`),
  );
  leaf(cycle, 'panel', "one panel and its executives: initial rating, higher-level review, the panel's recommendation, final rating")
    .addArgument(panelArgument())
    .addHelpText('after', example(`ses appraisal-cycle panel PRB-DOE-FY2026-1 ${token('ero-kim')}`));
  leaf(cycle, 'convene', "convene a panel for many cases at once: each case's own ConvenePrb, recorded or refused on its own")
    .addArgument(panelArgument())
    .addArgument(fileArgument('convening.json', '{"actor": {"id", "role"}, "members": [{"id", "career", "supervisorOf"}], "caseIds": [...]}'))
    .addHelpText('after', example(`ses appraisal-cycle convene PRB-DOE-FY2026-1 convening.json ${token('hr-ana')}`));
  leaf(cycle, 'recommend', "a panel's recommendations for many cases: each case's own SubmitPrbRecommendation, recorded or refused on its own")
    .addArgument(panelArgument())
    .addArgument(fileArgument('recommendations.json', '{"actor": {"id", "role"}, "recommendations": [{"caseId", "recommendedLevel", "recommendation"}]}'))
    .addHelpText('after', example(`ses appraisal-cycle recommend PRB-DOE-FY2026-1 recommendations.json ${token('m-lee')}`));
  scopeOptions(leaf(cycle, 'distribution', 'final ratings by level per agency and cycle')).addHelpText(
    'after',
    example(`ses appraisal-cycle distribution --cycle FY2026 ${token('aa-wong')}`),
  );
  scopeOptions(leaf(cycle, 'rating-cap', 'per agency and cycle, the share of Level 4-5 ratings (finals and those not yet final) against the cap'))
    .addOption(new Option('--policy-version <V>', "what-if: this policy's cap instead of the cycle's, e.g. what-if-no-rating-cap"))
    .addHelpText(
      'after',
      example(
        `ses appraisal-cycle rating-cap --agency DOE ${token('ero-kim')}`,
        `ses appraisal-cycle rating-cap --policy-version what-if-no-rating-cap ${token('ero-kim')}`,
      ),
    );
};
