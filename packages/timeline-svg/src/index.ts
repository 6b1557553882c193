// The picture of a store's timeline; helper H writes renderTimelineSvg here.
export {};
